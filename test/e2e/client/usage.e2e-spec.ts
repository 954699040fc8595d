import {
  createClient,
  KeywardError,
  type KeyUsageResponse,
  type UsageGranularity,
  type UsageOutcome,
  type UsageSummaryResponse,
} from '@keyward/client';
import { expectTypeOf } from 'expect-type';
import request from 'supertest';
import { API, createUser, type TestUser } from '../../helpers/factories';
import { pollUntil } from '../../helpers/keyed';
import { startListeningApp, type ListeningApp } from './server';

describe('client: usage', () => {
  let t: ListeningApp;
  let user: TestUser;
  let client: ReturnType<typeof createClient>;

  beforeAll(async () => {
    t = await startListeningApp({ LAST_USED_FLUSH_MS: '150' });
    user = await createUser(t.http);
    client = createClient({ url: t.url });
    await client.auth.login({ email: user.email, password: user.password });
  });
  afterAll(() => t.close());

  it('is typed: outcomes, granularities and both answers', () => {
    expectTypeOf<UsageGranularity>().toEqualTypeOf<'minute' | 'hour' | 'day'>();
    expectTypeOf<UsageOutcome>().toEqualTypeOf<
      | 'valid'
      | 'rate_limited'
      | 'credits_exhausted'
      | 'ip_not_allowed'
      | 'insufficient_scope'
      | 'revoked'
      | 'expired'
      | 'rotated'
    >();
    expectTypeOf(client.management.usage.forKey).returns.resolves.toEqualTypeOf<KeyUsageResponse>();
    expectTypeOf(
      client.management.usage.summary,
    ).returns.resolves.toEqualTypeOf<UsageSummaryResponse>();
    expectTypeOf(client.management.usage.forKey)
      .parameter(1)
      .toEqualTypeOf<
        { since?: string; until?: string; granularity?: UsageGranularity } | undefined
      >();
  });

  it('reads a key’s buckets and every key’s totals', async () => {
    const { api_key, key } = await client.management.apiKeys.create({
      name: 'Usage client',
      scopes: ['read:users'],
    });
    const idle = await client.management.apiKeys.create({ name: 'Idle', scopes: ['read:users'] });
    for (let i = 0; i < 2; i++) {
      await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key).expect(200);
    }

    let usage: KeyUsageResponse | undefined;
    await pollUntil(async () => {
      usage = await client.management.usage.forKey(api_key.id, { granularity: 'minute' });
      return usage.totals.valid === 2;
    });
    expect(usage).toMatchObject({ key_id: api_key.id, granularity: 'minute' });
    expect(usage?.totals).toMatchObject({ valid: 2, rate_limited: 0 });
    expect(usage?.buckets).toHaveLength(1);

    const summary = await client.management.usage.summary();
    expect(summary.keys.map((k) => k.key_id)).toEqual([idle.api_key.id, api_key.id]);
    expect(summary.keys[0].totals.valid).toBe(0);
    expect(summary.totals.valid).toBe(2);
  });

  it('throws KeywardError with the server’s code', async () => {
    const notFound = client.management.usage.forKey('00000000-0000-4000-8000-000000000000');
    await expect(notFound).rejects.toBeInstanceOf(KeywardError);
    await expect(notFound).rejects.toMatchObject({ status: 404, code: 'not_found' });
    await expect(
      client.management.usage.summary({
        since: '2026-06-02T00:00:00Z',
        until: '2026-06-01T00:00:00Z',
      }),
    ).rejects.toMatchObject({ status: 400, code: 'validation_failed' });
    await expect(client.management.usage.summary({ all: true })).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
    });
  });
});
