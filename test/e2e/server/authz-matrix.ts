/**
 * The authorization matrix, as data. Every operation of `openapi.json` (keyed
 * by its operationId) × every principal → the expected status, and for an error the `code`.
 * `authz-matrix.e2e-spec.ts` (beside this file) runs every cell over HTTP against a real app, and fails when
 * an operation of the document has no row here (or a row names an operation that is gone).
 *
 * Data only. How to read a cell:
 * - `[200]`: a success (the body is the operation's, not checked here);
 * - `[401, 'invalid_token']`: an answer in the contract's error shape with that status and code.
 *
 * The principals. "A" owns every object an operation names: `{id}` is A's user id (`/users/..`)
 * or the id of one of A's API keys (`/api-keys/..`); every key principal is one of A's keys.
 */
export const PRINCIPALS = [
  /** No credentials at all. */
  'anonymous',
  /** A's own session (a real access token). */
  'userA',
  /** Another user's session, acting on A's objects. */
  'userB',
  /** The start-up admin's session (ADMIN_EMAIL / ADMIN_PASSWORD), acting on A's objects. */
  'admin',
  /** A's claims ({ sub, sid } of a live session), right secret, HS256, `exp` in the past. */
  'jwtExpired',
  /** A's claims, HS256, valid `exp`, signed with another secret. */
  'jwtOtherSecret',
  /** A's claims, valid `exp`, `alg: none` and an empty signature. */
  'jwtAlgNone',
  /** A's claims, right secret, HS256, no `exp` claim at all. */
  'jwtNoExp',
  /** A's claims, right secret, valid `exp`, but HS512 (only HS256 is accepted). */
  'jwtHs512',
  /** A's key holding only `read:users`. */
  'keyReadUsers',
  /** A's key holding only `write:users`. */
  'keyWriteUsers',
  /** A's key holding only `verify:api-keys`. */
  'keyVerifyApiKeys',
  /**
   * A's key holding every scope except the one the operation needs; where the operation needs
   * none (session-only and public operations), a key holding every scope.
   */
  'keyLackingScope',
  /** A's key (every scope), revoked. */
  'keyRevoked',
  /** A's key (every scope), expired. */
  'keyExpired',
  /** `X-API-Key: kw_this-is-not-a-key`: not even the key format. */
  'keyMalformed',
  /** A's key (every scope) with one character changed: the right shape, a wrong checksum. */
  'keyBadChecksum',
  /** A well-formed key (valid checksum) that was never created. */
  'keyUnknown',
  /** A key (every scope) whose owner has since been deleted. */
  'keyOfDeletedUser',
] as const;

export type PrincipalId = (typeof PRINCIPALS)[number];

export type Outcome = readonly [number] | readonly [number, string];

export interface MatrixRow {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The path as the OpenAPI document writes it (templates included). */
  path: string;
  /**
   * What the operation asks of a caller, as the document's `security` says it: `public`
   * (`security: []`), `session` (`bearer` only), or the scope an API key must hold (`bearer` or
   * `api_key` with that scope).
   */
  needs: 'public' | 'session' | 'read:users' | 'write:users' | 'verify:api-keys';
  /** Which of A's objects `{id}` names: A's user record, one of A's API keys or webhooks. */
  object?: 'user' | 'api_key' | 'webhook';
  /** A success changes or ends something, so each succeeding cell gets fixtures of its own. */
  mutates?: true;
  /** Served, but deliberately absent from the OpenAPI document (Swagger UI and the document). */
  undocumented?: true;
  /** A success is an endless event stream: the cell reads its head and hangs up. */
  stream?: true;
  expect: Record<PrincipalId, Outcome>;
}

const OK = [200] as const;
const CREATED = [201] as const;
const ACCEPTED = [202] as const;
const MISSING = [401, 'missing_credentials'] as const;
const BAD_TOKEN = [401, 'invalid_token'] as const;
const TOKEN_EXPIRED = [401, 'token_expired'] as const;
const BAD_KEY = [401, 'invalid_api_key'] as const;
const KEY_REVOKED = [401, 'api_key_revoked'] as const;
const KEY_EXPIRED = [401, 'api_key_expired'] as const;
const SCOPE = [403, 'insufficient_scope'] as const;
const SESSION_ONLY = [403, 'user_session_required'] as const;
const NOT_FOUND = [404, 'not_found'] as const;
const FORBIDDEN = [403, 'forbidden'] as const;

/** What every forged or stale JWT gets on an operation that needs credentials. */
const FORGED_JWTS = {
  jwtExpired: TOKEN_EXPIRED,
  jwtOtherSecret: BAD_TOKEN,
  jwtAlgNone: BAD_TOKEN,
  jwtNoExp: BAD_TOKEN,
  jwtHs512: BAD_TOKEN,
} as const;

/** What every dead key gets on an operation that needs credentials (before any scope check). */
const DEAD_KEYS = {
  keyRevoked: KEY_REVOKED,
  keyExpired: KEY_EXPIRED,
  keyMalformed: BAD_KEY,
  keyBadChecksum: BAD_KEY,
  keyUnknown: BAD_KEY,
  keyOfDeletedUser: BAD_KEY,
} as const;

/** A public operation: credentials play no part, every principal gets the same answer. */
const everyone = (outcome: Outcome): Record<PrincipalId, Outcome> =>
  Object.fromEntries(PRINCIPALS.map((p) => [p, outcome])) as Record<PrincipalId, Outcome>;

// The rows spell every principal out (rather than building them) so the table reads as a table.
// prettier-ignore
export const AUTHZ_MATRIX: Record<string, MatrixRow> = {
  // ---- auth ------------------------------------------------------------------------------
  signUp: {
    method: 'POST', path: '/api/v1/auth/signup', needs: 'public',
    expect: everyone(CREATED),
  },
  signIn: {
    method: 'POST', path: '/api/v1/auth/signin', needs: 'public',
    expect: everyone(OK),
  },
  login: {
    method: 'POST', path: '/api/v1/auth/login', needs: 'public',
    expect: everyone(OK),
  },
  refresh: {
    // Public (the refresh token in the body is the credential), but a session endpoint: any
    // key, even a dead or malformed one, is refused before the token is looked at.
    method: 'POST', path: '/api/v1/auth/refresh', needs: 'public', mutates: true,
    expect: {
      anonymous: OK, userA: OK, userB: OK, admin: OK,
      jwtExpired: OK, jwtOtherSecret: OK, jwtAlgNone: OK, jwtNoExp: OK, jwtHs512: OK,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, keyRevoked: SESSION_ONLY, keyExpired: SESSION_ONLY,
      keyMalformed: SESSION_ONLY, keyBadChecksum: SESSION_ONLY, keyUnknown: SESSION_ONLY,
      keyOfDeletedUser: SESSION_ONLY,
    },
  },
  signOut: {
    // Each session ends its own session: B's and the admin's sign-outs succeed (for themselves).
    method: 'POST', path: '/api/v1/auth/signout', needs: 'session', mutates: true,
    expect: {
      anonymous: MISSING, userA: OK, userB: OK, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  getUser: {
    method: 'GET', path: '/api/v1/auth/user', needs: 'read:users',
    expect: {
      anonymous: MISSING, userA: OK, userB: OK, admin: OK, ...FORGED_JWTS,
      keyReadUsers: OK, keyWriteUsers: SCOPE, keyVerifyApiKeys: SCOPE,
      keyLackingScope: SCOPE, ...DEAD_KEYS,
    },
  },

  // ---- api-keys (management: sessions only) ----------------------------------------------
  createApiKey: {
    method: 'POST', path: '/api/v1/api-keys', needs: 'session',
    expect: {
      anonymous: MISSING, userA: CREATED, userB: CREATED, admin: CREATED, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  listApiKeys: {
    method: 'GET', path: '/api/v1/api-keys', needs: 'session',
    expect: {
      anonymous: MISSING, userA: OK, userB: OK, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  getApiKey: {
    method: 'GET', path: '/api/v1/api-keys/{id}', needs: 'session', object: 'api_key',
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  updateApiKey: {
    method: 'PATCH', path: '/api/v1/api-keys/{id}', needs: 'session', object: 'api_key',
    mutates: true,
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  revokeApiKey: {
    method: 'POST', path: '/api/v1/api-keys/{id}/revoke', needs: 'session', object: 'api_key',
    mutates: true,
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  rotateApiKey: {
    method: 'POST', path: '/api/v1/api-keys/{id}/rotate', needs: 'session', object: 'api_key',
    mutates: true,
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  deleteApiKey: {
    method: 'DELETE', path: '/api/v1/api-keys/{id}', needs: 'session', object: 'api_key',
    mutates: true,
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },

  // ---- webhooks (user sessions only; another user's webhook is not found) -----------------
  createWebhook: {
    method: 'POST', path: '/api/v1/webhooks', needs: 'session',
    expect: {
      anonymous: MISSING, userA: CREATED, userB: CREATED, admin: CREATED, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  listWebhooks: {
    method: 'GET', path: '/api/v1/webhooks', needs: 'session',
    expect: {
      anonymous: MISSING, userA: OK, userB: OK, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  getWebhook: {
    method: 'GET', path: '/api/v1/webhooks/{id}', needs: 'session', object: 'webhook',
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  updateWebhook: {
    method: 'PATCH', path: '/api/v1/webhooks/{id}', needs: 'session', object: 'webhook',
    mutates: true,
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  deleteWebhook: {
    method: 'DELETE', path: '/api/v1/webhooks/{id}', needs: 'session', object: 'webhook',
    mutates: true,
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  testWebhook: {
    method: 'POST', path: '/api/v1/webhooks/{id}/test', needs: 'session', object: 'webhook',
    mutates: true,
    expect: {
      anonymous: MISSING, userA: ACCEPTED, userB: NOT_FOUND, admin: ACCEPTED, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  listWebhookDeliveries: {
    method: 'GET', path: '/api/v1/webhooks/{id}/deliveries', needs: 'session', object: 'webhook',
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },

  // ---- client-keys (the Fluxbase SDK's paths for api-keys: the same rules) ---------------
  createClientKey: {
    method: 'POST', path: '/api/v1/client-keys', needs: 'session',
    expect: {
      anonymous: MISSING, userA: CREATED, userB: CREATED, admin: CREATED, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  listClientKeys: {
    method: 'GET', path: '/api/v1/client-keys', needs: 'session',
    expect: {
      anonymous: MISSING, userA: OK, userB: OK, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  getClientKey: {
    method: 'GET', path: '/api/v1/client-keys/{id}', needs: 'session', object: 'api_key',
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  updateClientKey: {
    method: 'PATCH', path: '/api/v1/client-keys/{id}', needs: 'session', object: 'api_key',
    mutates: true,
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  revokeClientKey: {
    method: 'POST', path: '/api/v1/client-keys/{id}/revoke', needs: 'session', object: 'api_key',
    mutates: true,
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  deleteClientKey: {
    method: 'DELETE', path: '/api/v1/client-keys/{id}', needs: 'session', object: 'api_key',
    mutates: true,
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },

  // ---- api-keys (for services) -----------------------------------------------------------
  verifyApiKey: {
    // Any session may verify any key (a session holds every scope of its role); the body is a
    // key of A's, so B's and the admin's answers describe A's key.
    method: 'POST', path: '/api/v1/api-keys/verify', needs: 'verify:api-keys',
    expect: {
      anonymous: MISSING, userA: OK, userB: OK, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SCOPE, keyWriteUsers: SCOPE, keyVerifyApiKeys: OK,
      keyLackingScope: SCOPE, ...DEAD_KEYS,
    },
  },
  streamKeyEvents: {
    // Any session may listen (a session holds every scope of its role); the stream names no owner.
    method: 'GET', path: '/api/v1/api-keys/events', needs: 'verify:api-keys', stream: true,
    expect: {
      anonymous: MISSING, userA: OK, userB: OK, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SCOPE, keyWriteUsers: SCOPE, keyVerifyApiKeys: OK,
      keyLackingScope: SCOPE, ...DEAD_KEYS,
    },
  },
  listScopes: {
    method: 'GET', path: '/api/v1/api-keys/scopes', needs: 'public',
    expect: everyone(OK),
  },

  // ---- usage (sessions only) -------------------------------------------------------------
  getApiKeyUsage: {
    method: 'GET', path: '/api/v1/api-keys/{id}/usage', needs: 'session', object: 'api_key',
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  getUsageSummary: {
    method: 'GET', path: '/api/v1/usage', needs: 'session',
    expect: {
      anonymous: MISSING, userA: OK, userB: OK, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },

  // ---- users -----------------------------------------------------------------------------
  listUsers: {
    // A user (and its keys) sees itself only; the admin sees everyone.
    method: 'GET', path: '/api/v1/users', needs: 'read:users',
    expect: {
      anonymous: MISSING, userA: OK, userB: OK, admin: OK, ...FORGED_JWTS,
      keyReadUsers: OK, keyWriteUsers: SCOPE, keyVerifyApiKeys: SCOPE,
      keyLackingScope: SCOPE, ...DEAD_KEYS,
    },
  },
  getUserById: {
    method: 'GET', path: '/api/v1/users/{id}', needs: 'read:users', object: 'user',
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: OK, keyWriteUsers: SCOPE, keyVerifyApiKeys: SCOPE,
      keyLackingScope: SCOPE, ...DEAD_KEYS,
    },
  },
  updateUser: {
    method: 'PATCH', path: '/api/v1/users/{id}', needs: 'write:users', object: 'user',
    mutates: true,
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SCOPE, keyWriteUsers: OK, keyVerifyApiKeys: SCOPE,
      keyLackingScope: SCOPE, ...DEAD_KEYS,
    },
  },
  deleteUser: {
    // Session only: a (possibly leaked) key must not destroy the account that controls it.
    method: 'DELETE', path: '/api/v1/users/{id}', needs: 'session', object: 'user',
    mutates: true,
    expect: {
      anonymous: MISSING, userA: OK, userB: NOT_FOUND, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },

  // ---- audit log (sessions only; verifying the chain is the admin's) --------------------
  listAuditEvents: {
    method: 'GET', path: '/api/v1/audit-events', needs: 'session',
    expect: {
      anonymous: MISSING, userA: OK, userB: OK, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },
  verifyAuditChain: {
    method: 'GET', path: '/api/v1/audit-events/verify', needs: 'session',
    expect: {
      anonymous: MISSING, userA: FORBIDDEN, userB: FORBIDDEN, admin: OK, ...FORGED_JWTS,
      keyReadUsers: SESSION_ONLY, keyWriteUsers: SESSION_ONLY, keyVerifyApiKeys: SESSION_ONLY,
      keyLackingScope: SESSION_ONLY, ...DEAD_KEYS,
    },
  },

  // ---- health ----------------------------------------------------------------------------
  liveness: {
    method: 'GET', path: '/health', needs: 'public',
    expect: everyone(OK),
  },
  readiness: {
    // 200 with the database up, with or without Redis (without it: `degraded`, still 200).
    method: 'GET', path: '/health/ready', needs: 'public',
    expect: everyone(OK),
  },

  metrics: {
    // Without METRICS_TOKEN (as here) the route does not exist for anyone; with it, only its
    // bearer token opens it (test/e2e/server/metrics.e2e-spec.ts).
    method: 'GET', path: '/metrics', needs: 'public',
    expect: everyone(NOT_FOUND),
  },

  // ---- documentation (served, not in the document itself) --------------------------------
  swaggerUi: {
    method: 'GET', path: '/docs', needs: 'public', undocumented: true,
    expect: everyone(OK),
  },
  openApiDocument: {
    method: 'GET', path: '/docs-json', needs: 'public', undocumented: true,
    expect: everyone(OK),
  },
  docsRedirect: {
    // A browser opening the bare host lands on Swagger UI.
    method: 'GET', path: '/', needs: 'public', undocumented: true,
    expect: everyone([302]),
  },
};
