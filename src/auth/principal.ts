import type { IpAllowlist } from '../api-keys/ip-allowlist';
import type { Scope } from '../api-keys/scopes';
import type { Role } from '../users/user.entity';

/** Who is calling, as the global guard established it. */
export type Principal = SessionPrincipal | ApiKeyPrincipal;

export interface SessionPrincipal {
  kind: 'session';
  userId: string;
  role: Role;
  sessionId: string;
  scopes: Scope[];
}

export interface ApiKeyPrincipal {
  kind: 'api_key';
  userId: string;
  role: Role;
  apiKeyId: string;
  rateLimitPerMinute: number;
  /** The key's scopes intersected with its owner's current role. */
  scopes: Scope[];
  /** Where the key may be used from; null: any address. */
  allowlist: IpAllowlist | null;
  /** Whether each request spends one of the key's credits (a statement on its row). */
  hasCredits: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}
