/**
 * Every example of the APIKeysManager reference page (shared/seed/APIKeysManager.md), run as
 * written against a real server. Only the base URL, the credentials (the page's `password` is
 * refused by our password policy), the key ids ('key-uuid') and the past `expires_at` differ.
 */
import { APIKeysManager, createClient, KeywardError } from '@keyward/client';
import { LastUsedTracker } from '../../../src/api-keys/last-used.tracker';
import { createUser, STRONG_PASSWORD, type TestUser } from '../../helpers/factories';
import { FUTURE_EXPIRY, startListeningApp, type ListeningApp } from './server';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('client: the APIKeysManager reference examples', () => {
  let t: ListeningApp;
  let user: TestUser;
  let log: jest.SpyInstance;

  beforeAll(async () => {
    t = await startListeningApp();
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    user = await createUser(t.http, { password: STRONG_PASSWORD });
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => log.mockRestore());

  /** A signed-in client, as the page's first lines make one. */
  async function signedIn(): Promise<ReturnType<typeof createClient>> {
    const client = createClient({ url: t.url });
    await client.auth.login({ email: user.email, password: user.password });
    return client;
  }

  it('overview: login, create, list', async () => {
    const client = createClient({ url: t.url });
    await client.auth.login({ email: user.email, password: user.password });
    // Create an API key
    const { api_key, key } = await client.management.apiKeys.create({
      name: 'Production Service',
      scopes: ['read:users', 'write:users'],
      rate_limit_per_minute: 100,
    });
    // List API keys
    const { api_keys } = await client.management.apiKeys.list();

    expect(api_key).toEqual({
      id: expect.stringMatching(UUID) as unknown,
      name: 'Production Service',
      key_prefix: key.slice(0, api_key.key_prefix.length),
      scopes: ['read:users', 'write:users'],
      rate_limit_per_minute: 100,
      created_at: expect.stringMatching(TIMESTAMP) as unknown,
      updated_at: expect.stringMatching(TIMESTAMP) as unknown,
      user_id: user.id,
    });
    expect(key).toMatch(/^kw_/);
    expect(api_keys.map((k) => k.id)).toEqual([api_key.id]);
    expect(api_keys[0]).not.toHaveProperty('key');

    // The key it printed works for a service.
    const service = createClient({ url: t.url, apiKey: key });
    await expect(service.auth.getUser()).resolves.toMatchObject({ id: user.id, email: user.email });
  });

  it('constructor: new APIKeysManager(fetch) uses the client’s URL and session', async () => {
    const client = await signedIn();
    const manager = new APIKeysManager(client.fetch);
    const { api_key } = await manager.create({ name: 'Via manager', scopes: ['read:users'] });
    await expect(manager.list()).resolves.toMatchObject({
      total: 1,
      api_keys: [{ id: api_key.id }],
    });
    // A manager on a client without a session is refused by the server, not by the client.
    const anonymous = new APIKeysManager(createClient({ url: t.url }).fetch);
    await expect(anonymous.list()).rejects.toMatchObject({ status: 401 });
  });

  it('create(request)', async () => {
    const client = await signedIn();
    const { api_key, key } = await client.management.apiKeys.create({
      name: 'Production Service',
      description: 'API key for production service',
      scopes: ['read:users', 'write:users'],
      rate_limit_per_minute: 100,
      expires_at: FUTURE_EXPIRY,
    });
    // Store the key securely - it won't be shown again
    console.log('API Key:', key);

    expect(log).toHaveBeenCalledWith('API Key:', key);
    expect(api_key).toMatchObject({
      name: 'Production Service',
      description: 'API key for production service',
      scopes: ['read:users', 'write:users'],
      rate_limit_per_minute: 100,
      expires_at: '2099-12-31T23:59:59.000Z',
    });
    expect(key.startsWith(api_key.key_prefix)).toBe(true);
  });

  it('delete(keyId)', async () => {
    const client = await signedIn();
    const { api_key } = await client.management.apiKeys.create({
      name: 'Doomed',
      scopes: ['read:users'],
    });
    const keyUuid = api_key.id;

    await client.management.apiKeys.delete(keyUuid);
    console.log('API key deleted');

    expect(log).toHaveBeenCalledWith('API key deleted');
    await expect(client.management.apiKeys.get(keyUuid)).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
    await expect(client.management.apiKeys.list()).resolves.toEqual({ api_keys: [], total: 0 });
  });

  it('get(keyId)', async () => {
    const client = await signedIn();
    const { api_key, key } = await client.management.apiKeys.create({
      name: 'Used once',
      scopes: ['read:users'],
    });
    await createClient({ url: t.url, apiKey: key }).auth.getUser();
    await t.app.get(LastUsedTracker).flush(); // last_used_at is written in batches
    const keyUuid = api_key.id;

    const apiKey = await client.management.apiKeys.get(keyUuid);
    console.log('Last used:', apiKey.last_used_at);

    expect(apiKey).toMatchObject({ id: api_key.id, name: 'Used once' });
    expect(apiKey.last_used_at).toMatch(TIMESTAMP);
    expect(log).toHaveBeenCalledWith('Last used:', apiKey.last_used_at);
  });

  it('list()', async () => {
    const client = await signedIn();
    await client.management.apiKeys.create({ name: 'Never expires', scopes: ['read:users'] });
    await client.management.apiKeys.create({
      name: 'Expires',
      scopes: ['read:users'],
      expires_at: FUTURE_EXPIRY,
    });

    const { api_keys, total } = await client.management.apiKeys.list();
    api_keys.forEach((key) => {
      console.log(`${key.name}: ${key.key_prefix}... (expires: ${key.expires_at})`);
    });

    expect(total).toBe(2);
    // Newest first; a key that never expires has no expires_at at all.
    expect(log.mock.calls).toEqual([
      [`Expires: ${api_keys[0].key_prefix}... (expires: 2099-12-31T23:59:59.000Z)`],
      [`Never expires: ${api_keys[1].key_prefix}... (expires: undefined)`],
    ]);
    expect(api_keys[1]).not.toHaveProperty('expires_at');
  });

  it('revoke(keyId)', async () => {
    const client = await signedIn();
    const { api_key, key } = await client.management.apiKeys.create({
      name: 'Leaked',
      scopes: ['read:users'],
    });
    const keyUuid = api_key.id;

    await client.management.apiKeys.revoke(keyUuid);
    console.log('API key revoked');

    expect(log).toHaveBeenCalledWith('API key revoked');
    const revoked = await client.management.apiKeys.get(keyUuid);
    expect(revoked.revoked_at).toMatch(TIMESTAMP);
    const service = createClient({ url: t.url, apiKey: key });
    const failure = await service.auth.getUser().catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(KeywardError);
    expect(failure).toMatchObject({ status: 401, code: 'api_key_revoked' });
  });

  it('update(keyId, updates)', async () => {
    const client = await signedIn();
    const { api_key } = await client.management.apiKeys.create({
      name: 'Original',
      description: 'kept',
      scopes: ['read:users'],
    });
    const keyUuid = api_key.id;

    const updated = await client.management.apiKeys.update(keyUuid, {
      name: 'Updated Name',
      rate_limit_per_minute: 200,
    });

    expect(updated).toMatchObject({
      id: api_key.id,
      name: 'Updated Name',
      rate_limit_per_minute: 200,
      description: 'kept',
      scopes: ['read:users'],
    });
    await expect(client.management.apiKeys.get(keyUuid)).resolves.toEqual(updated);
    // null clears an optional field
    const cleared = await client.management.apiKeys.update(keyUuid, { description: null });
    expect(cleared).not.toHaveProperty('description');
  });
});
