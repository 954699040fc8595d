import { createClient, KeywardError, type APIKey } from '@keyward/client';
import { createUser, type TestUser } from '../../helpers/factories';
import { startListeningApp, type ListeningApp } from './server';

describe('client: apiKeys.list options', () => {
  let t: ListeningApp;
  let user: TestUser;
  let client: ReturnType<typeof createClient>;
  const made: APIKey[] = [];

  beforeAll(async () => {
    t = await startListeningApp();
    user = await createUser(t.http);
    client = createClient({ url: t.url });
    await client.auth.login({ email: user.email, password: user.password });
    for (const [name, scopes] of [
      ['Billing one', ['read:users']],
      ['Export', ['write:users']],
      ['Billing two', ['read:users']],
    ] as const) {
      made.push((await client.management.apiKeys.create({ name, scopes: [...scopes] })).api_key);
    }
    await client.management.apiKeys.revoke(made[0].id);
  });
  afterAll(() => t.close());

  it('list() with no arguments still answers every key', async () => {
    const { api_keys, total, next_cursor } = await client.management.apiKeys.list();
    expect(api_keys.map((k) => k.id)).toEqual(made.map((k) => k.id).reverse());
    expect(total).toBe(3);
    expect(next_cursor).toBeUndefined();
  });

  it('pages with limit and cursor', async () => {
    const seen: string[] = [];
    let page = await client.management.apiKeys.list({ limit: 2 });
    seen.push(...page.api_keys.map((k) => k.id));
    expect(page.total).toBe(3);
    while (page.next_cursor) {
      page = await client.management.apiKeys.list({ limit: 2, cursor: page.next_cursor });
      seen.push(...page.api_keys.map((k) => k.id));
    }
    expect(seen).toEqual(made.map((k) => k.id).reverse());
  });

  it('filters by status, scope and q', async () => {
    const ids = async (options: Parameters<typeof client.management.apiKeys.list>[0]) =>
      (await client.management.apiKeys.list(options)).api_keys.map((k) => k.id);
    await expect(ids({ status: 'revoked' })).resolves.toEqual([made[0].id]);
    await expect(ids({ status: 'active', scope: 'read:users' })).resolves.toEqual([made[2].id]);
    await expect(ids({ q: 'billing' })).resolves.toEqual([made[2].id, made[0].id]);
    await expect(ids({ q: made[1].key_prefix })).resolves.toEqual([made[1].id]);
  });

  it('throws KeywardError invalid_cursor for a cursor that is not the server’s', async () => {
    const err: unknown = await client.management.apiKeys
      .list({ cursor: 'made-up' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeywardError);
    expect(err).toMatchObject({ status: 400, code: 'invalid_cursor' });
  });

  it('sends and reads key metadata', async () => {
    const { api_key } = await client.management.apiKeys.create({
      name: 'with metadata',
      scopes: ['read:users'],
      metadata: { team: 'payments' },
    });
    expect(api_key.metadata).toEqual({ team: 'payments' });
    const cleared = await client.management.apiKeys.update(api_key.id, { metadata: null });
    expect(cleared.metadata).toBeUndefined();
  });
});
