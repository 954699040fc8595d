import request from 'supertest';
import { expectError } from '../../helpers/contract';
import { API, bearer, createApiKey, insertUser, type TestUser } from '../../helpers/factories';
import {
  describeServerPostgres,
  expireKeyInDatabase,
  pollUntil,
  SERVER_PG_TAG,
  startListeningApp,
} from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

type Counts = Record<string, number>;

const ZERO: Counts = {
  valid: 0,
  rate_limited: 0,
  credits_exhausted: 0,
  ip_not_allowed: 0,
  insufficient_scope: 0,
  revoked: 0,
  expired: 0,
  rotated: 0,
};

/** Counted in process, flushed in batches: two instances write into the same rows. */
describeServerPostgres(`usage counted across two instances${SERVER_PG_TAG}`, () => {
  let a: TestApp;
  let b: TestApp;
  let owner: TestUser;

  // Rate limits stay in process (no REDIS_URL), so each instance's refusals are exact.
  const env = { LAST_USED_FLUSH_MS: '150', KEY_CACHE_TTL_MS: '60000' };

  beforeAll(async () => {
    a = await startListeningApp(env);
    b = await startListeningApp(env);
    owner = await insertUser(a);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const keyed = (t: TestApp, key: string, method: 'get' | 'patch', path: string) =>
    request(t.http)[method](`${API}${path}`).set('X-API-Key', key);

  async function usageOf(keyId: string): Promise<{ totals: Counts; buckets: unknown[] }> {
    const res = await request(a.http)
      .get(`${API}/api-keys/${keyId}/usage?granularity=minute`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    return res.body as { totals: Counts; buckets: unknown[] };
  }

  async function expectTotals(keyId: string, expected: Partial<Counts>): Promise<void> {
    const want = { ...ZERO, ...expected };
    let last: Counts | undefined;
    const took = await pollUntil(
      async () => {
        last = (await usageOf(keyId)).totals;
        return JSON.stringify(last) === JSON.stringify(want);
      },
      { everyMs: 100, giveUpMs: 5000 },
    );
    expect(last).toEqual(want);
    expect(took).not.toBeNull();
  }

  it('sums valid, rate-limited, insufficient-scope, revoked and expired requests exactly', async () => {
    const reader = await createApiKey(a.http, owner, { scopes: ['read:users'] });
    const limited = await createApiKey(a.http, owner, {
      scopes: ['read:users'],
      rate_limit_per_minute: 2,
    });
    const revoked = await createApiKey(a.http, owner, { scopes: ['read:users'] });
    const expired = await createApiKey(a.http, owner, { scopes: ['read:users'] });
    const quiet = await createApiKey(a.http, owner, { scopes: ['read:users'] });

    for (let i = 0; i < 4; i++) await keyed(a, reader.key, 'get', '/auth/user').expect(200);
    for (let i = 0; i < 3; i++) await keyed(b, reader.key, 'get', '/auth/user').expect(200);
    for (let i = 0; i < 2; i++) {
      const res = await keyed(b, reader.key, 'patch', `/users/${owner.id}`).send({ role: 'user' });
      expectError(res, 403, 'insufficient_scope');
    }

    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await keyed(a, limited.key, 'get', '/auth/user')).status);
    }
    expect(statuses).toEqual([200, 200, 429, 429, 429]);

    await request(a.http)
      .post(`${API}/api-keys/${revoked.id}/revoke`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    expectError(await keyed(a, revoked.key, 'get', '/auth/user'), 401, 'api_key_revoked');
    for (let i = 0; i < 2; i++) {
      expectError(await keyed(b, revoked.key, 'get', '/auth/user'), 401, 'api_key_revoked');
    }

    await expireKeyInDatabase(a, expired.id);
    expectError(await keyed(b, expired.key, 'get', '/auth/user'), 401, 'api_key_expired');

    // A key we never issued is counted against no key.
    expectError(
      await request(a.http).get(`${API}/auth/user`).set('X-API-Key', 'kw_this-is-not-a-key'),
      401,
      'invalid_api_key',
    );

    await expectTotals(reader.id, { valid: 7, insufficient_scope: 2 });
    await expectTotals(limited.id, { valid: 2, rate_limited: 3 });
    await expectTotals(revoked.id, { revoked: 3 });
    await expectTotals(expired.id, { expired: 1 });
    await expectTotals(quiet.id, {});
    expect((await usageOf(quiet.id)).buckets).toEqual([]);

    const summary = await request(b.http)
      .get(`${API}/usage`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    const body = summary.body as { keys: { key_id: string; totals: Counts }[]; totals: Counts };
    expect(body.keys.map((k) => k.key_id)).toEqual(
      [quiet, expired, revoked, limited, reader].map((k) => k.id),
    );
    expect(body.keys[0].totals).toEqual(ZERO);
    expect(body.totals).toEqual({
      ...ZERO,
      valid: 9,
      rate_limited: 3,
      insufficient_scope: 2,
      revoked: 3,
      expired: 1,
    });
  });

  it('counts a verify against the verified key, and the verifier’s own request as valid', async () => {
    const verifier = await createApiKey(a.http, owner, { scopes: ['verify:api-keys'] });
    const checked = await createApiKey(a.http, owner, {
      scopes: ['read:users'],
      rate_limit_per_minute: 1,
    });
    const gone = await createApiKey(a.http, owner, { scopes: ['read:users'] });
    await request(a.http)
      .post(`${API}/api-keys/${gone.id}/revoke`)
      .set(...bearer(owner.accessToken))
      .expect(200);

    const verify = (t: TestApp, key: string) =>
      request(t.http)
        .post(`${API}/api-keys/verify`)
        .set('X-API-Key', verifier.key)
        .send({ key })
        .expect(200);
    expect((await verify(a, checked.key)).body).toMatchObject({ valid: true });
    expect((await verify(a, checked.key)).body).toMatchObject({ code: 'rate_limited' });
    expect((await verify(b, gone.key)).body).toMatchObject({ code: 'api_key_revoked' });

    await expectTotals(checked.id, { valid: 1, rate_limited: 1 });
    await expectTotals(gone.id, { revoked: 1 });
    await expectTotals(verifier.id, { valid: 3 });
  });

  it('writes what it holds when the instance shuts down', async () => {
    const c = await startListeningApp({ LAST_USED_FLUSH_MS: '600000' });
    const key = await createApiKey(c.http, owner, { scopes: ['read:users'] });
    for (let i = 0; i < 3; i++) await keyed(c, key.key, 'get', '/auth/user').expect(200);
    await c.close();
    await expectTotals(key.id, { valid: 3 });
  });
});
