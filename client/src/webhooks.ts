import { type KeywardFetch, unwrap } from './fetch.js';
import type {
  CreateWebhookRequest,
  CreateWebhookResponse,
  DeleteWebhookResponse,
  ListWebhookDeliveriesOptions,
  ListWebhookDeliveriesResponse,
  ListWebhooksResponse,
  TestWebhookResponse,
  UpdateWebhookRequest,
  Webhook,
} from './types.js';

/**
 * Webhooks management client: subscribe URLs to events about your account and keys. Every
 * method needs a user session; each throws a `KeywardError` carrying the server's error code.
 *
 * @example
 * ```ts
 * const { webhook, secret } = await client.management.webhooks.create({
 *   url: 'https://hooks.example.com/keyward',
 *   events: ['api_key.created', 'api_key.expiring'],
 * })
 * // Keep `secret`: it verifies `Keyward-Signature` and is never shown again.
 * ```
 */
export class WebhooksManager {
  private readonly http: KeywardFetch;

  /** @param fetch the client's HTTP wrapper: base URL and the session's bearer token. */
  constructor(fetch: KeywardFetch) {
    this.http = fetch;
  }

  /** Create a webhook. Returns it with its signing secret, which is shown only once. */
  create(request: CreateWebhookRequest): Promise<CreateWebhookResponse> {
    return unwrap(this.http.api.POST('/api/v1/webhooks', { body: request }));
  }

  /** The caller's webhooks, newest first (never their secrets). */
  list(): Promise<ListWebhooksResponse> {
    return unwrap(this.http.api.GET('/api/v1/webhooks', {}));
  }

  /** Get one webhook by ID. */
  get(webhookId: string): Promise<Webhook> {
    return unwrap(
      this.http.api.GET('/api/v1/webhooks/{id}', { params: { path: { id: webhookId } } }),
    );
  }

  /** Update a webhook: omitted fields stay, `null` clears `description`, `enabled` toggles it. */
  update(webhookId: string, updates: UpdateWebhookRequest): Promise<Webhook> {
    return unwrap(
      this.http.api.PATCH('/api/v1/webhooks/{id}', {
        params: { path: { id: webhookId } },
        body: updates,
      }),
    );
  }

  /** Delete a webhook and its pending deliveries. */
  delete(webhookId: string): Promise<DeleteWebhookResponse> {
    return unwrap(
      this.http.api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id: webhookId } } }),
    );
  }

  /** Queue a `webhook.test` event for this webhook; follow it with `deliveries()`. */
  test(webhookId: string): Promise<TestWebhookResponse> {
    return unwrap(
      this.http.api.POST('/api/v1/webhooks/{id}/test', { params: { path: { id: webhookId } } }),
    );
  }

  /**
   * The webhook's deliveries, newest first, `limit` at a time (default 50); pass `next_cursor`
   * back as `cursor` for the next page.
   */
  deliveries(
    webhookId: string,
    options?: ListWebhookDeliveriesOptions,
  ): Promise<ListWebhookDeliveriesResponse> {
    return unwrap(
      this.http.api.GET('/api/v1/webhooks/{id}/deliveries', {
        params: { path: { id: webhookId }, query: options },
      }),
    );
  }
}
