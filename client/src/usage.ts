import { type KeywardFetch, unwrap } from './fetch.js';
import type {
  KeyUsageOptions,
  KeyUsageResponse,
  UsageSummaryOptions,
  UsageSummaryResponse,
} from './types.js';

/**
 * Per-key usage: requests and verifies counted by outcome (`valid`, `rate_limited`,
 * `insufficient_scope`, `revoked`, ...). Counts reach the server in batches, so the last few
 * seconds may be missing. Every method needs a user session.
 *
 * @example
 * ```ts
 * const day = await client.management.usage.forKey(keyId, { granularity: 'hour' })
 * const { keys, totals } = await client.management.usage.summary({ since: '2026-12-01T00:00:00Z' })
 * ```
 */
export class UsageManager {
  private readonly http: KeywardFetch;

  /** @param fetch the client's HTTP wrapper: base URL and the session's bearer token. */
  constructor(fetch: KeywardFetch) {
    this.http = fetch;
  }

  /**
   * One key's buckets (`minute`, `hour` (default) or `day`) between `since` (default 24 hours
   * ago) and `until` (default now); buckets without traffic are omitted.
   */
  forKey(keyId: string, options: KeyUsageOptions = {}): Promise<KeyUsageResponse> {
    return unwrap(
      this.http.api.GET('/api/v1/api-keys/{id}/usage', {
        params: { path: { id: keyId }, query: options },
      }),
    );
  }

  /** Totals for every key of the caller (an admin's `all: true`: every key), in one call. */
  summary(options: UsageSummaryOptions = {}): Promise<UsageSummaryResponse> {
    return unwrap(this.http.api.GET('/api/v1/usage', { params: { query: options } }));
  }
}
