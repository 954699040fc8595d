import { type KeywardFetch, unwrap } from './fetch.js';
import type {
  ListAuditEventsOptions,
  ListAuditEventsResponse,
  VerifyAuditChainResponse,
} from './types.js';

/**
 * The audit log: every change of state (sign-ins, key creation, updates, revocations, ...),
 * hash-chained so that an edited, deleted or reordered event is found. Needs a user session.
 *
 * @example
 * ```ts
 * const { events, next_cursor } = await client.management.audit.list({ action: 'api_key.revoked' })
 * const { ok, first_bad_seq } = await client.management.audit.verify() // admin only
 * ```
 */
export class AuditManager {
  private readonly http: KeywardFetch;

  /** @param fetch the client's HTTP wrapper: base URL and the session's bearer token. */
  constructor(fetch: KeywardFetch) {
    this.http = fetch;
  }

  /**
   * The caller's events (about its account and keys, or done by it), newest first: a page of
   * `limit` (default 100), narrowed by `action`, `target_id`, `actor_id`, `since` and `until`.
   * An admin's `all: true` lists everyone's. Pass `next_cursor` back as `cursor` for the next
   * page (absent on the last one).
   */
  list(options?: ListAuditEventsOptions): Promise<ListAuditEventsResponse> {
    return unwrap(
      this.http.api.GET('/api/v1/audit-events', options ? { params: { query: options } } : {}),
    );
  }

  /** Admin: walks the chain; `ok: false` names the first event that no longer fits. */
  verify(): Promise<VerifyAuditChainResponse> {
    return unwrap(this.http.api.GET('/api/v1/audit-events/verify'));
  }
}
