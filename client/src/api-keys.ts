import { type KeywardFetch, unwrap } from './fetch.js';
import type {
  APIKey,
  CreateAPIKeyRequest,
  CreateAPIKeyResponse,
  DeleteAPIKeyResponse,
  ListAPIKeysOptions,
  ListAPIKeysResponse,
  RevokeAPIKeyResponse,
  RotateAPIKeyRequest,
  UpdateAPIKeyRequest,
} from './types.js';

/**
 * API keys management client.
 *
 * Provides methods for managing API keys for service-to-service authentication. API keys allow
 * external services to authenticate without user credentials. Every method needs a user
 * session (sign in first); each throws a `KeywardError` carrying the server's error code.
 *
 * @example
 * ```ts
 * const client = createClient({ url: 'http://localhost:8080' })
 * await client.auth.login({ email: 'user@example.com', password: 'a long passphrase' })
 * const { api_key, key } = await client.management.apiKeys.create({
 *   name: 'Production Service',
 *   scopes: ['read:users', 'write:users'],
 *   rate_limit_per_minute: 100
 * })
 * const { api_keys } = await client.management.apiKeys.list()
 * ```
 */
export class APIKeysManager {
  private readonly http: KeywardFetch;

  /** @param fetch the client's HTTP wrapper: base URL and the session's bearer token. */
  constructor(fetch: KeywardFetch) {
    this.http = fetch;
  }

  /** Create a new API key. Returns it with the full key value, which is shown only once. */
  create(request: CreateAPIKeyRequest): Promise<CreateAPIKeyResponse> {
    return unwrap(this.http.api.POST('/api/v1/api-keys', { body: request }));
  }

  /**
   * List the caller's API keys, newest first, without their full key values: a page of `limit`
   * (default 100), narrowed by `status`, `scope` and `q`. `total` counts every matching key;
   * pass `next_cursor` back as `cursor` for the next page (absent on the last one).
   *
   * @example
   * ```ts
   * let page = await client.management.apiKeys.list({ status: 'active', limit: 50 })
   * while (page.next_cursor) {
   *   page = await client.management.apiKeys.list({ status: 'active', limit: 50, cursor: page.next_cursor })
   * }
   * ```
   */
  list(options?: ListAPIKeysOptions): Promise<ListAPIKeysResponse> {
    return unwrap(
      this.http.api.GET('/api/v1/api-keys', options ? { params: { query: options } } : {}),
    );
  }

  /** Get one API key by ID. */
  get(keyId: string): Promise<APIKey> {
    return unwrap(this.http.api.GET('/api/v1/api-keys/{id}', { params: { path: { id: keyId } } }));
  }

  /**
   * Update an API key: omitted fields stay as they are, `null` clears `description`,
   * `expires_at` or `metadata` (which is replaced whole).
   */
  update(keyId: string, updates: UpdateAPIKeyRequest): Promise<APIKey> {
    return unwrap(
      this.http.api.PATCH('/api/v1/api-keys/{id}', {
        params: { path: { id: keyId } },
        body: updates,
      }),
    );
  }

  /** Revoke an API key: it stops working at once but stays in the system for audit. */
  revoke(keyId: string): Promise<RevokeAPIKeyResponse> {
    return unwrap(
      this.http.api.POST('/api/v1/api-keys/{id}/revoke', { params: { path: { id: keyId } } }),
    );
  }

  /**
   * Rotate an API key: the same key (id, name, scopes, limits, metadata, rate-limit budget)
   * with a new secret, returned in `key` and shown only here. The previous secret keeps
   * working for `grace_period_seconds` (default 3600, at most 604800; 0 stops it at once),
   * until `api_key.previous_key_expires_at`. A revoked or expired key throws a `KeywardError`
   * with status 409 and code `api_key_revoked` or `api_key_expired`.
   *
   * @example
   * ```ts
   * const { api_key, key } = await client.management.apiKeys.rotate(id, { grace_period_seconds: 86400 })
   * // deploy `key`; the old secret works until api_key.previous_key_expires_at
   * ```
   */
  rotate(keyId: string, options: RotateAPIKeyRequest = {}): Promise<CreateAPIKeyResponse> {
    return unwrap(
      this.http.api.POST('/api/v1/api-keys/{id}/rotate', {
        params: { path: { id: keyId } },
        body: options,
      }),
    );
  }

  /** Delete an API key permanently. */
  delete(keyId: string): Promise<DeleteAPIKeyResponse> {
    return unwrap(
      this.http.api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: keyId } } }),
    );
  }
}
