import type { Client } from 'openapi-fetch';
import { APIKeysManager } from './api-keys.js';
import { AuditManager } from './audit.js';
import { AuthClient } from './auth.js';
import { UsageManager } from './usage.js';
import { type ClientOptions, KeywardFetch } from './fetch.js';
import type { paths } from './types.js';
import { WebhooksManager } from './webhooks.js';

export interface KeywardClient {
  auth: AuthClient;
  management: {
    apiKeys: APIKeysManager;
    audit: AuditManager;
    usage: UsageManager;
    webhooks: WebhooksManager;
  };
  /** The HTTP wrapper the managers share (pass it to `new APIKeysManager(fetch)`). */
  fetch: KeywardFetch;
  /** The typed openapi-fetch client, for operations the managers do not wrap. */
  api: Client<paths>;
}

/**
 * A client for one Keyward server.
 *
 * @example
 * ```ts
 * const client = createClient({ url: 'http://localhost:8080' })
 * await client.auth.login({ email: 'user@example.com', password: 'a long passphrase' })
 * const { api_keys } = await client.management.apiKeys.list()
 * // A service authenticating with an API key:
 * const service = createClient({ url: 'http://localhost:8080', apiKey: process.env.KEYWARD_KEY })
 * ```
 */
export function createClient(options: ClientOptions): KeywardClient {
  const fetch = new KeywardFetch(options);
  return {
    auth: new AuthClient(fetch),
    management: {
      apiKeys: new APIKeysManager(fetch),
      audit: new AuditManager(fetch),
      usage: new UsageManager(fetch),
      webhooks: new WebhooksManager(fetch),
    },
    fetch,
    api: fetch.api,
  };
}
