import { createClient, KeywardError } from '@keyward/client';
import { createUser, type TestUser } from '../../helpers/factories';
import { startListeningApp, type ListeningApp } from './server';

describe('client: allowlists and credits of keys', () => {
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

  it('creates, reads, updates and clears allowed_ips and credits', async () => {
    const { api_key, key } = await client.management.apiKeys.create({
      name: 'Billing worker',
      scopes: ['read:users'],
      allowed_ips: ['127.0.0.0/8', '2001:DB8::/32'],
      credits: { remaining: 2, refill: { amount: 1000, interval: 'daily' } },
    });
    expect(api_key.allowed_ips).toEqual(['127.0.0.0/8', '2001:db8::/32']);
    expect(api_key.credits).toEqual({ remaining: 2, refill: { amount: 1000, interval: 'daily' } });

    // The key, used by a service from this machine, spends its credits.
    const service = createClient({ url: t.url, apiKey: key });
    await service.auth.getUser();
    expect((await client.management.apiKeys.get(api_key.id)).credits?.remaining).toBe(1);

    const updated = await client.management.apiKeys.update(api_key.id, {
      allowed_ips: ['192.0.2.1'],
      credits: { remaining: 10 },
    });
    expect(updated.allowed_ips).toEqual(['192.0.2.1']);
    expect(updated.credits).toEqual({ remaining: 10 });
    const refused: unknown = await service.auth.getUser().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(KeywardError);
    expect(refused).toMatchObject({ status: 403, code: 'ip_not_allowed' });

    const cleared = await client.management.apiKeys.update(api_key.id, {
      allowed_ips: null,
      credits: null,
    });
    expect(cleared).not.toHaveProperty('allowed_ips');
    expect(cleared).not.toHaveProperty('credits');
    await service.auth.getUser();
  });

  it('throws KeywardError credits_exhausted once the balance is spent', async () => {
    const { key } = await client.management.apiKeys.create({
      name: 'One call',
      scopes: ['read:users'],
      credits: { remaining: 1 },
    });
    const service = createClient({ url: t.url, apiKey: key });
    await service.auth.getUser();
    const err: unknown = await service.auth.getUser().catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 403, code: 'credits_exhausted' });
  });
});
