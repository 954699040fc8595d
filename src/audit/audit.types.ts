import type { EntityManager } from 'typeorm';

/** Every action the audit log records (the contract's names). */
export const AUDIT_ACTIONS = [
  'user.signed_up',
  'user.signed_in',
  'user.sign_in_failed',
  'user.signed_out',
  'user.updated',
  'user.deleted',
  'session.refreshed',
  'session.reuse_detected',
  'api_key.created',
  'api_key.updated',
  'api_key.rotated',
  'api_key.revoked',
  'api_key.deleted',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditActorType = 'user' | 'api_key' | 'system';
export type AuditTargetType = 'user' | 'api_key' | 'webhook';

export interface AuditActor {
  type: AuditActorType;
  id?: string;
}

export interface AuditTarget {
  type: AuditTargetType;
  id: string;
}

/** One changed field. Never a secret, a digest or a password hash. */
export interface AuditChange {
  from?: unknown;
  to?: unknown;
}

export type AuditChanges = Record<string, AuditChange>;

/**
 * Where a request came from, as the answer reports it: the client address the per-IP limits
 * use (TRUST_PROXY), the User-Agent, and the request id the answer carries in X-Request-Id.
 * Empty for changes the service makes on its own (start-up admin).
 */
export interface RequestContext {
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

/** What a service hands to AuditService.record. */
export interface AuditInput {
  action: AuditAction;
  actor: AuditActor;
  target?: AuditTarget;
  /** The account the event is about: whose owner sees it, and whose webhooks receive it. */
  ownerUserId?: string;
  changes?: AuditChanges;
  context?: RequestContext;
}

/** An event as the API answers it (`AuditEvent` of the contract). */
export interface AuditEvent {
  id: string;
  seq: number;
  at: string;
  action: AuditAction;
  actor: AuditActor;
  target?: AuditTarget;
  ip?: string;
  user_agent?: string;
  request_id?: string;
  changes?: AuditChanges;
  /** The account the event is about (whose owner sees it); part of what `hash` covers. */
  owner_user_id?: string;
  hash: string;
  prev_hash: string;
}

/** An event as stored: everything the answer holds, so anyone given it can check its hash. */
export type AuditEventRecord = AuditEvent;

/**
 * Called for every event after its row is written, inside the transaction of the change (a
 * failure rolls the change and its event back). The webhook outbox subscribes here.
 */
export interface AuditSubscriber {
  onAuditEvent(manager: EntityManager, event: AuditEventRecord): Promise<void>;
}
