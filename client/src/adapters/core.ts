import type { Scope } from '../types.js';
import type { KeyVerifier, VerifyAPIKeyResponse } from '../verifier.js';

/** What an adapter puts on the request for a verified key. */
export interface VerifiedKey {
  id: string;
  user_id: string;
  scopes: Scope[];
  metadata: Record<string, unknown>;
}

export interface AdapterOptions {
  /** Scopes every request must hold (a route may ask for more, e.g. `@RequireScopes`). */
  requiredScopes?: Scope[];
  /** Passes the client's address to `verify` (for keys with an IP allowlist). Default: on. */
  forwardIp?: boolean;
}

/** An answer to send instead of the route's: Keyward's error shape and headers. */
export interface Refusal {
  status: number;
  headers: Record<string, string>;
  body: { error: string; code: string };
}

export type Decision =
  { ok: true; key: VerifiedKey; headers: Record<string, string> } | { ok: false; refusal: Refusal };

type Headers = Record<string, string | string[] | undefined>;

const STATUS: Record<string, number> = {
  missing_credentials: 401,
  invalid_api_key: 401,
  api_key_revoked: 401,
  api_key_expired: 401,
  api_key_rotated: 401,
  ip_not_allowed: 403,
  insufficient_scope: 403,
  credits_exhausted: 403,
  rate_limited: 429,
};

const MESSAGES: Record<string, string> = {
  missing_credentials: 'An API key is required (X-API-Key or Authorization: Bearer)',
  invalid_api_key: 'API key is invalid',
  api_key_revoked: 'API key has been revoked',
  api_key_expired: 'API key has expired',
  api_key_rotated: 'API key was rotated; use the new key',
  ip_not_allowed: 'API key may not be used from this address',
  insufficient_scope: 'API key lacks a required scope',
  credits_exhausted: 'API key has no credits left',
  rate_limited: 'Rate limit exceeded',
};

/** The key a request presents: `X-API-Key`, else `Authorization: Bearer <key>`. */
export function presentedKey(headers: Headers): string | undefined {
  const first = (value: string | string[] | undefined): string | undefined =>
    Array.isArray(value) ? value[0] : value;
  const apiKey = first(headers['x-api-key']);
  if (apiKey) return apiKey;
  const match = /^Bearer\s+(\S+)$/i.exec(first(headers.authorization) ?? '');
  return match?.[1];
}

/** Verifies a request's key and says what to do with it. */
export async function decide(
  verifier: KeyVerifier,
  headers: Headers,
  ip: string | undefined,
  requiredScopes: Scope[],
): Promise<Decision> {
  const key = presentedKey(headers);
  if (!key) return { ok: false, refusal: refusal('missing_credentials', {}) };
  const answer = await verifier.verify(key, { ip, requiredScopes });
  const limitHeaders = rateLimitHeaders(answer);
  if (!answer.valid || !answer.api_key) {
    return { ok: false, refusal: refusal(answer.code, limitHeaders) };
  }
  return {
    ok: true,
    key: {
      id: answer.api_key.id,
      user_id: answer.user_id ?? answer.api_key.user_id,
      scopes: answer.scopes ?? [],
      metadata: answer.metadata ?? {},
    },
    headers: limitHeaders,
  };
}

function rateLimitHeaders(answer: VerifyAPIKeyResponse): Record<string, string> {
  const limit = answer.rate_limit;
  if (!limit) return {};
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(limit.limit),
    'X-RateLimit-Remaining': String(limit.remaining),
    'X-RateLimit-Reset': String(limit.reset),
  };
  if (answer.code === 'rate_limited') headers['Retry-After'] = String(Math.max(1, limit.reset));
  return headers;
}

function refusal(code: string, headers: Record<string, string>): Refusal {
  return {
    status: STATUS[code] ?? 401,
    headers,
    body: { error: MESSAGES[code] ?? 'API key refused', code },
  };
}
