import { createClient, KeywardError } from '@keyward/client';
import { createUser } from '../../helpers/factories';
import { startListeningApp, type ListeningApp } from './server';

describe('client: management.webhooks', () => {
  let t: ListeningApp;
  let client: ReturnType<typeof createClient>;

  beforeAll(async () => {
    // No delivery worker here: the webhook suites deliver; this one checks the typed calls.
    t = await startListeningApp({ WEBHOOK_ALLOW_PRIVATE_URLS: 'true' });
    const user = await createUser(t.http);
    client = createClient({ url: t.url });
    await client.auth.login({ email: user.email, password: user.password });
  });
  afterAll(() => t.close());

  it('creates, lists, gets, updates, tests, pages deliveries of and deletes a webhook', async () => {
    const { webhook, secret } = await client.management.webhooks.create({
      url: 'http://127.0.0.1:9/hook',
      events: ['api_key.created', 'api_key.revoked'],
      description: 'inventory',
    });
    expect(secret).toMatch(/^whsec_/);
    expect(webhook).toMatchObject({ events: ['api_key.created', 'api_key.revoked'] });

    const { webhooks, total } = await client.management.webhooks.list();
    expect(total).toBe(1);
    expect(webhooks[0].id).toBe(webhook.id);
    expect(JSON.stringify(webhooks)).not.toContain(secret);

    const updated = await client.management.webhooks.update(webhook.id, {
      events: ['*'],
      description: null,
    });
    expect(updated.events).toEqual(['*']);
    expect(updated.description).toBeUndefined();
    await expect(client.management.webhooks.get(webhook.id)).resolves.toEqual(updated);

    const { delivery } = await client.management.webhooks.test(webhook.id);
    expect(delivery).toMatchObject({ event_type: 'webhook.test', status: 'pending', attempts: 0 });
    await client.management.apiKeys.create({ name: 'announced', scopes: ['read:users'] });
    const first = await client.management.webhooks.deliveries(webhook.id, { limit: 1 });
    expect(first.deliveries.map((d) => d.event_type)).toEqual(['api_key.created']);
    const second = await client.management.webhooks.deliveries(webhook.id, {
      limit: 1,
      cursor: first.next_cursor,
    });
    expect(second.deliveries.map((d) => d.event_type)).toEqual(['webhook.test']);
    // Subscribed to `*` by that update, the webhook hears of the update itself.
    const third = await client.management.webhooks.deliveries(webhook.id, {
      limit: 1,
      cursor: second.next_cursor,
    });
    expect(third.deliveries.map((d) => d.event_type)).toEqual(['webhook.updated']);
    expect(third.next_cursor).toBeUndefined();

    await expect(client.management.webhooks.delete(webhook.id)).resolves.toEqual({
      message: 'Webhook deleted',
    });
    const err: unknown = await client.management.webhooks.get(webhook.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeywardError);
    expect(err).toMatchObject({ status: 404, code: 'not_found' });
  });
});
