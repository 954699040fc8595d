import { AUDIT_ACTIONS } from '../audit/audit.types';

/**
 * What a webhook can subscribe to: every audit action, the events derived from key state, or
 * `*` for all of them.
 */
export const AUDIT_EVENT_TYPES = AUDIT_ACTIONS;

export const DERIVED_EVENT_TYPES = [
  'api_key.expiring',
  'api_key.credits_low',
  'api_key.rate_limited',
] as const;

export const WEBHOOK_EVENT_TYPES = [...AUDIT_EVENT_TYPES, ...DERIVED_EVENT_TYPES] as const;

export const WEBHOOK_EVENT_FILTERS: readonly string[] = [...WEBHOOK_EVENT_TYPES, '*'];

/** Sent by POST /webhooks/{id}/test to that webhook only, whatever it subscribes to. */
export const TEST_EVENT_TYPE = 'webhook.test';

/** An event as the outbox takes it: `data` must hold no secret, digest or password. */
export interface OutboxEvent {
  id: string;
  type: string;
  at: Date;
  /** Whose account or key it is about; null for events only `all: true` webhooks receive. */
  ownerUserId: string | null;
  data: object;
}
