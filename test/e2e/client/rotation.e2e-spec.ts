import { createClient, KeywardError } from '@keyward/client';
import { createUser, type TestUser } from '../../helpers/factories';
import { expireKeyInDatabase } from '../../helpers/keyed';
import { startListeningApp, type ListeningApp } from './server';

describe('client: apiKeys.rotate', () => {
  let t: ListeningApp;
  let user: TestUser;
  let client: ReturnType<typeof createClient>;

  beforeAll(async () => {
    t = await startListeningApp();
    user = await createUser(t.http);
    client = createClient({ url: t.url });
    await client.auth.login({ email: user.email, password: user.password });
  });
  afterAll(() => t.close());

  /** Who a client holding only `key` acts as, or the error it gets. */
  const whoIs = (key: string): Promise<string> =>
    createClient({ url: t.url, apiKey: key })
      .auth.getUser()
      .then(
        (u) => u.id,
        (err: unknown) => (err instanceof KeywardError ? err.code : 'unexpected'),
      );

  it('rotate(id) answers a new secret for the same key; the previous works for the default hour', async () => {
    const created = await client.management.apiKeys.create({
      name: 'Rotated by the client',
      scopes: ['read:users'],
    });
    const rotated = await client.management.apiKeys.rotate(created.api_key.id);
    expect(rotated.api_key).toMatchObject({
      id: created.api_key.id,
      name: 'Rotated by the client',
      previous_key_prefix: created.api_key.key_prefix,
    });
    expect(rotated.key).not.toBe(created.key);
    expect(
      Date.parse(rotated.api_key.previous_key_expires_at!) -
        Date.parse(rotated.api_key.rotated_at!),
    ).toBe(3600_000);
    await expect(whoIs(rotated.key)).resolves.toBe(user.id);
    await expect(whoIs(created.key)).resolves.toBe(user.id);
    await expect(client.management.apiKeys.get(created.api_key.id)).resolves.toEqual(
      rotated.api_key,
    );
  });

  it('rotate(id, { grace_period_seconds: 0 }) stops the previous secret at once', async () => {
    const created = await client.management.apiKeys.create({ name: 'now', scopes: ['read:users'] });
    const rotated = await client.management.apiKeys.rotate(created.api_key.id, {
      grace_period_seconds: 0,
    });
    expect(rotated.api_key.previous_key_prefix).toBeUndefined();
    await expect(whoIs(created.key)).resolves.toBe('api_key_rotated');
    await expect(whoIs(rotated.key)).resolves.toBe(user.id);
  });

  it('throws KeywardError with the server’s code for a revoked, an expired or an invalid request', async () => {
    const revoked = await client.management.apiKeys.create({ name: 'r', scopes: ['read:users'] });
    await client.management.apiKeys.revoke(revoked.api_key.id);
    await expect(client.management.apiKeys.rotate(revoked.api_key.id)).rejects.toMatchObject({
      status: 409,
      code: 'api_key_revoked',
    });

    const expired = await client.management.apiKeys.create({ name: 'e', scopes: ['read:users'] });
    await expireKeyInDatabase(t, expired.api_key.id);
    await expect(client.management.apiKeys.rotate(expired.api_key.id)).rejects.toMatchObject({
      status: 409,
      code: 'api_key_expired',
    });

    const err: unknown = await client.management.apiKeys
      .rotate(revoked.api_key.id, { grace_period_seconds: 604801 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeywardError);
    expect(err).toMatchObject({
      status: 400,
      code: 'validation_failed',
      details: [{ field: 'grace_period_seconds' }],
    });
  });
});
