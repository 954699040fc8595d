import request from 'supertest';
import { generateApiKey } from '../../../src/api-keys/api-key-format';
import { expectError } from '../../helpers/contract';
import {
  API,
  createApiKey,
  createUser,
  signIn,
  sleep,
  STRONG_PASSWORD,
  uniqueEmail,
  type CreatedKey,
  type TestUser,
} from '../../helpers/factories';
import {
  describeRedis,
  pollUntil,
  recordSql,
  REDIS_TAG,
  REDIS_URL,
  redisEnv,
  startListeningApp,
} from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';
import { RedisService } from '../../../src/redis/redis.service';

/**
 * Per-key rate limits: GCRA budgets taken from the key, shared through Redis by every
 * instance (in process without Redis), honest headers, and bad keys never spending a real budget.
 */

type Http = TestApp['http'];

const whoAmI = (http: Http, key: string): request.Test =>
  request(http).get(`${API}/auth/user`).set('X-API-Key', key);

const header = (res: request.Response, name: string): string | undefined =>
  (res.headers as Record<string, string | undefined>)[name.toLowerCase()];

function countStatuses(responses: request.Response[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

function expectRateLimited(res: request.Response, limit: number): void {
  expectError(res, 429, 'rate_limited');
  expect(header(res, 'Retry-After')).toMatch(/^[1-9]\d*$/);
  expect(header(res, 'X-RateLimit-Limit')).toBe(String(limit));
  expect(header(res, 'X-RateLimit-Remaining')).toBe('0');
}

/** An answer without what differs between two requests (time, id, seconds left). */
const refusalOf = (res: request.Response): unknown => ({
  status: res.status,
  body: res.body as unknown,
  headers: Object.keys(res.headers)
    .filter((name) => !['date', 'x-request-id', 'retry-after', 'x-ratelimit-reset'].includes(name))
    .sort()
    .map((name) => [name, (res.headers as Record<string, string>)[name]]),
});

async function readiness(http: Http): Promise<{ status: number; mode?: string }> {
  const res = await request(http).get('/health/ready');
  const body = res.body as { info?: { redis?: { mode?: string } } };
  return { status: res.status, mode: body.info?.redis?.mode };
}

/** The same claims with in-process counters and with Redis. */
function perKeyLimitSuite(mode: 'in-process' | 'redis', app: () => TestApp): void {
  let owner: TestUser;
  let t: TestApp;
  const limited = (limit: number): Promise<CreatedKey> =>
    createApiKey(t.http, owner, { rate_limit_per_minute: limit });

  beforeAll(async () => {
    t = app();
    owner = await createUser(t.http);
  });

  it(`reports the limiter mode on /health/ready (${mode})`, async () => {
    expect(await readiness(t.http)).toEqual({
      status: 200,
      mode: mode === 'redis' ? 'shared' : 'not configured (in-process limits)',
    });
  });

  it('lets exactly 5 of 50 concurrent requests through for a key limited to 5', async () => {
    const { key } = await limited(5);
    const answers = await Promise.all(Array.from({ length: 50 }, () => whoAmI(t.http, key)));
    expect(countStatuses(answers)).toEqual({ 200: 5, 429: 45 });
    for (const r of answers.filter((a) => a.status === 429)) expectRateLimited(r, 5);
    const remaining = answers
      .filter((a) => a.status === 200)
      .map((a) => header(a, 'X-RateLimit-Remaining'))
      .sort();
    expect(remaining).toEqual(['0', '1', '2', '3', '4']);
  });

  it('counts X-RateLimit-* down, then answers 429 with Retry-After', async () => {
    const { key } = await limited(5);
    for (let i = 1; i <= 5; i++) {
      const res = await whoAmI(t.http, key).expect(200);
      expect(header(res, 'X-RateLimit-Limit')).toBe('5');
      expect(header(res, 'X-RateLimit-Remaining')).toBe(String(5 - i));
      // Seconds until the budget is whole again: 12 s per request spent at 5/min.
      const reset = Number(header(res, 'X-RateLimit-Reset'));
      expect(reset).toBeGreaterThanOrEqual(12 * i - 1);
      expect(reset).toBeLessThanOrEqual(12 * i);
    }
    const refused = await whoAmI(t.http, key);
    expectRateLimited(refused, 5);
    const retryAfter = Number(header(refused, 'Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(11);
    expect(retryAfter).toBeLessThanOrEqual(12);
    expect(Number(header(refused, 'X-RateLimit-Reset'))).toBeGreaterThanOrEqual(59);
  });

  it('keeps its word: a request after Retry-After seconds succeeds', async () => {
    // 20/min refills one request every 3 s, which keeps the wait short.
    const { key } = await limited(20);
    const burst = await Promise.all(Array.from({ length: 20 }, () => whoAmI(t.http, key)));
    expect(countStatuses(burst)).toEqual({ 200: 20 });
    const refused = await whoAmI(t.http, key);
    expectRateLimited(refused, 20);
    const retryAfter = Number(header(refused, 'Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(2);
    expect(retryAfter).toBeLessThanOrEqual(3);
    await sleep(retryAfter * 1000);
    const again = await whoAmI(t.http, key).expect(200);
    // One request's worth came back, not the whole budget.
    expect(Number(header(again, 'X-RateLimit-Remaining'))).toBeLessThanOrEqual(1);
  });

  it('applies a changed limit from the next request without resetting the count', async () => {
    const { id, key } = await limited(5);
    const patch = (rate: number): Promise<request.Response> =>
      request(t.http)
        .patch(`${API}/api-keys/${id}`)
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .send({ rate_limit_per_minute: rate })
        .expect(200);
    for (let i = 0; i < 5; i++) await whoAmI(t.http, key).expect(200);
    expectRateLimited(await whoAmI(t.http, key), 5);

    await patch(10);
    const after: request.Response[] = [];
    for (let i = 0; i < 8; i++) after.push(await whoAmI(t.http, key));
    // 5 of 10 were already used: 5 more, not a fresh 10.
    expect(after.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    expect(header(after[0], 'X-RateLimit-Limit')).toBe('10');
    expect(header(after[0], 'X-RateLimit-Remaining')).toBe('4');
    expectRateLimited(after[5], 10);

    // Lowering it does not hand out a fresh budget either.
    await patch(5);
    expectRateLimited(await whoAmI(t.http, key), 5);
  });

  it('refuses a key known to be over its budget without a lookup, the same 429 each time', async () => {
    const { id, key } = await limited(5);
    for (let i = 0; i < 5; i++) await whoAmI(t.http, key).expect(200);
    const first = await whoAmI(t.http, key);
    expectRateLimited(first, 5);
    const sql = recordSql();
    let again: request.Response;
    try {
      again = await whoAmI(t.http, key);
      expect(sql.take()).toEqual([]);
    } finally {
      sql.restore();
    }
    expect(refusalOf(again)).toEqual(refusalOf(first));
    // At 5/min: one request back in 12 s, the whole budget in 60 s.
    const seconds = (res: request.Response, name: string): number => Number(header(res, name));
    for (const res of [first, again]) {
      expect(seconds(res, 'Retry-After')).toBeGreaterThanOrEqual(11);
      expect(seconds(res, 'Retry-After')).toBeLessThanOrEqual(12);
      expect(seconds(res, 'X-RateLimit-Reset')).toBeGreaterThanOrEqual(59);
      expect(seconds(res, 'X-RateLimit-Reset')).toBeLessThanOrEqual(60);
    }

    // Revoked, it is refused for what it is, not for its spent budget: on the request that
    // reloads it, and on the next, which finds the revoked key cached.
    await request(t.http)
      .post(`${API}/api-keys/${id}/revoke`)
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(200);
    expectError(await whoAmI(t.http, key), 401, 'api_key_revoked');
    expectError(await whoAmI(t.http, key), 401, 'api_key_revoked');
  });

  it("never spends a real key's budget on bad, unknown or revoked keys", async () => {
    const real = await limited(5);
    const revoked = await limited(5);
    await request(t.http)
      .post(`${API}/api-keys/${revoked.id}/revoke`)
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .expect(200);
    const tampered = real.key.slice(0, -1) + (real.key.endsWith('A') ? 'B' : 'A');
    const bad: [string, string][] = [
      ...Array.from({ length: 5 }, (): [string, string] => [generateApiKey(), 'invalid_api_key']),
      ...Array.from({ length: 5 }, (): [string, string] => [tampered, 'invalid_api_key']),
      ...Array.from({ length: 5 }, (): [string, string] => [revoked.key, 'api_key_revoked']),
      ['kw_garbage', 'invalid_api_key'],
    ];
    for (const [key, code] of bad) {
      const res = await whoAmI(t.http, key);
      expectError(res, 401, code);
      expect(header(res, 'X-RateLimit-Limit')).toBeUndefined();
    }
    for (let i = 1; i <= 5; i++) {
      const res = await whoAmI(t.http, real.key).expect(200);
      expect(header(res, 'X-RateLimit-Remaining')).toBe(String(5 - i));
    }
    expectRateLimited(await whoAmI(t.http, real.key), 5);
  });
}

describe('rate limits (e2e), in-process counters (no REDIS_URL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startListeningApp();
  });
  afterAll(() => t.close());
  perKeyLimitSuite('in-process', () => t);
});

describeRedis(`rate limits (e2e), shared in Redis${REDIS_TAG}`, () => {
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    [a, b] = await Promise.all([
      startListeningApp({ REDIS_URL: REDIS_URL! }),
      startListeningApp({ REDIS_URL: REDIS_URL! }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  perKeyLimitSuite('redis', () => a);

  describe('two instances', () => {
    let owner: TestUser;
    beforeAll(async () => {
      owner = await createUser(a.http);
    });

    it('lets exactly 5 of 25 + 25 concurrent requests through across both instances', async () => {
      const { key } = await createApiKey(a.http, owner, { rate_limit_per_minute: 5 });
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => whoAmI(i % 2 === 0 ? a.http : b.http, key)),
      );
      expect(countStatuses(answers)).toEqual({ 200: 5, 429: 45 });
      for (const r of answers.filter((x) => x.status === 429)) expectRateLimited(r, 5);
    });

    it('counts one budget down on either instance', async () => {
      const { key } = await createApiKey(a.http, owner, { rate_limit_per_minute: 5 });
      const seen: string[] = [];
      for (const http of [a.http, b.http, a.http, b.http, a.http]) {
        seen.push(header(await whoAmI(http, key).expect(200), 'X-RateLimit-Remaining')!);
      }
      expect(seen).toEqual(['4', '3', '2', '1', '0']);
      expectRateLimited(await whoAmI(b.http, key), 5);
      expectRateLimited(await whoAmI(a.http, key), 5);
    });

    it('applies a limit raised on one instance to requests on the other', async () => {
      const { id, key } = await createApiKey(a.http, owner, { rate_limit_per_minute: 5 });
      for (let i = 0; i < 5; i++) await whoAmI(b.http, key).expect(200);
      expectRateLimited(await whoAmI(b.http, key), 5);
      await request(a.http)
        .patch(`${API}/api-keys/${id}`)
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .send({ rate_limit_per_minute: 10 })
        .expect(200);
      let first: request.Response | undefined;
      const elapsed = await pollUntil(async () => {
        first = await whoAmI(b.http, key);
        return first.status === 200;
      });
      expect(elapsed).not.toBeNull();
      expect(elapsed).toBeLessThan(1000);
      expect(header(first!, 'X-RateLimit-Limit')).toBe('10');
      const rest: number[] = [];
      for (let i = 0; i < 6; i++) rest.push((await whoAmI(b.http, key)).status);
      expect(rest).toEqual([200, 200, 200, 200, 429, 429]);
    });
  });
});

describeRedis(`rate limits (e2e), budgets leased from Redis${REDIS_TAG}`, () => {
  // 1 s leases: a key limited to N per minute is taken from Redis N / 60 requests at a time.
  const LEASE = { REDIS_URL: REDIS_URL!, RATE_LIMIT_LEASE_MS: '1000' };
  let a: TestApp;
  let b: TestApp;
  let owner: TestUser;
  beforeAll(async () => {
    [a, b] = await Promise.all([startListeningApp(LEASE), startListeningApp(LEASE)]);
    owner = await createUser(a.http);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  /** Counts the GCRA script calls an instance makes (one Redis round trip each). */
  function countRedisCalls(t: TestApp): { calls: number } {
    const client = t.app.get(RedisService).client as unknown as Record<string, unknown>;
    const script = client.keywardGcra as (...args: unknown[]) => Promise<unknown>;
    const counter = { calls: 0 };
    jest
      .spyOn(client as { keywardGcra: typeof script }, 'keywardGcra')
      .mockImplementation(function (this: unknown, ...args: unknown[]) {
        counter.calls++;
        return script.apply(this, args);
      });
    return counter;
  }

  it('never lets more than the limit through across both instances, in a few Redis calls', async () => {
    // 240/min with 1 s leases: 4 requests per Redis call.
    const { key } = await createApiKey(a.http, owner, { rate_limit_per_minute: 240 });
    const [onA, onB] = [countRedisCalls(a), countRedisCalls(b)];
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => whoAmI(i % 2 === 0 ? a.http : b.http, key)),
    );
    // GCRA refills the budget as it goes: one request every 250 ms at 240/min.
    const refilled = Math.floor((Date.now() - started) / 250);
    jest.restoreAllMocks();
    const counts = countStatuses(answers);
    expect(Object.keys(counts).sort()).toEqual(['200', '429']);
    expect(counts[200]).toBeLessThanOrEqual(240 + refilled);
    // A lease granted to an instance with fewer requests left than it holds is not spent by the
    // other: at most 3 requests per instance.
    expect(counts[200]).toBeGreaterThanOrEqual(240 - 2 * 3);
    for (const r of answers.filter((x) => x.status === 429)) expectRateLimited(r, 240);
    // 60 leases of 4 at best, then one refusal per instance, remembered until its retry time.
    // Requests arriving while a lease call is in flight that it cannot cover ask one by one, so
    // a burst costs more calls than that; one call per request (no lease) would be ~240.
    expect(onA.calls + onB.calls).toBeGreaterThanOrEqual(60);
    expect(onA.calls + onB.calls).toBeLessThanOrEqual(150);
  });

  it('counts X-RateLimit-Remaining down one request at a time, as without a lease', async () => {
    // 120/min with 1 s leases: 2 requests per lease; the budget refills one every 500 ms.
    const { key } = await createApiKey(a.http, owner, { rate_limit_per_minute: 120 });
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await whoAmI(a.http, key).expect(200);
      expect(header(res, 'X-RateLimit-Limit')).toBe('120');
      seen.push(header(res, 'X-RateLimit-Remaining')!);
    }
    expect(seen).toEqual(['119', '118', '117', '116', '115', '114']);
  });

  it('applies a changed limit from the next request, giving back what the lease holds', async () => {
    // 120/min with 1 s leases: a lease of 2; one request refills every 500 ms.
    const { id, key } = await createApiKey(a.http, owner, { rate_limit_per_minute: 120 });
    await whoAmI(a.http, key).expect(200); // a lease of 2, 1 of them left
    await request(a.http)
      .patch(`${API}/api-keys/${id}`)
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({ rate_limit_per_minute: 2 })
      .expect(200);
    // One request used, carried over to 2/min, leaves one. Had the unspent one not been given
    // back, two would count as used: refused at once.
    const after = await whoAmI(a.http, key);
    expect(after.status).toBe(200);
    expect(header(after, 'X-RateLimit-Limit')).toBe('2');
    expectRateLimited(await whoAmI(a.http, key), 2);
  });

  it('gives nothing back for a lease the budget has refilled since', async () => {
    // 1,200/min with 1 s leases: leases of 20, one request refilling every 50 ms.
    const { key } = await createApiKey(a.http, owner, { rate_limit_per_minute: 1200 });
    await whoAmI(a.http, key).expect(200); // A holds 19 unspent
    await whoAmI(b.http, key).expect(200); // B holds 19 unspent
    await sleep(2200); // both leases expire and the budget is whole again (40 requests = 2 s)
    const started = Date.now();
    let admitted = 0;
    // Drain the whole budget through A, then ask B: its 19 unspent are owed to nobody now.
    for (let wave = 0; wave < 13; wave++) {
      const answers = await Promise.all(Array.from({ length: 100 }, () => whoAmI(a.http, key)));
      admitted += answers.filter((r) => r.status === 200).length;
    }
    const onB = await Promise.all(Array.from({ length: 30 }, () => whoAmI(b.http, key)));
    admitted += onB.filter((r) => r.status === 200).length;
    const refilled = Math.floor((Date.now() - started) / 50);
    expect(admitted).toBeGreaterThanOrEqual(1200);
    // The budget and what refilled while we asked; the stale 19 given back would show on top.
    expect(admitted).toBeLessThanOrEqual(1200 + refilled);
  });
});

describe('rate limits (e2e), user sessions and bad credentials', () => {
  let main: TestApp;
  let strict: TestApp;
  beforeAll(async () => {
    [main, strict] = await Promise.all([
      startListeningApp(redisEnv()),
      startListeningApp({
        ...redisEnv(),
        SESSION_RATE_LIMIT_PER_MINUTE: '3',
        AUTH_FAILURE_LIMIT_PER_IP: '10',
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([main?.close(), strict?.close()]);
  });

  it('limits each user (all of its sessions together) to SESSION_RATE_LIMIT_PER_MINUTE', async () => {
    const user = await createUser(strict.http);
    const me = (token: string): request.Test =>
      request(strict.http).get(`${API}/auth/user`).set('Authorization', `Bearer ${token}`);
    for (let i = 1; i <= 3; i++) {
      const res = await me(user.accessToken).expect(200);
      expect(header(res, 'X-RateLimit-Limit')).toBe('3');
      expect(header(res, 'X-RateLimit-Remaining')).toBe(String(3 - i));
    }
    expectRateLimited(await me(user.accessToken), 3);
    // Another session of the same user shares the budget.
    const second = await signIn(strict.http, user.email, user.password);
    expectRateLimited(await me(second.accessToken), 3);
    // Other users and the user's keys have budgets of their own.
    const other = await createUser(strict.http);
    await me(other.accessToken).expect(200);
    const { key } = await createApiKey(main.http, user, { rate_limit_per_minute: 50 });
    const keyed = await whoAmI(strict.http, key).expect(200);
    expect(header(keyed, 'X-RateLimit-Limit')).toBe('50');
  });

  it('limits bad credentials per client IP, without touching valid callers', async () => {
    const owner = await createUser(main.http);
    const { key } = await createApiKey(main.http, owner, { rate_limit_per_minute: 100 });
    const { key: unseen } = await createApiKey(main.http, owner, { rate_limit_per_minute: 100 });
    await whoAmI(strict.http, key).expect(200);
    const answers: request.Response[] = [];
    for (let i = 0; i < 13; i++) answers.push(await whoAmI(strict.http, generateApiKey()));
    expect(answers.map((r) => r.status)).toEqual([...Array<number>(10).fill(401), 429, 429, 429]);
    for (const refused of answers.slice(10)) {
      expectError(refused, 429, 'rate_limited');
      expect(header(refused, 'Retry-After')).toMatch(/^[1-9]\d*$/);
    }
    // A real key this instance knows is still served from the same address, on its own budget.
    const ok = await whoAmI(strict.http, key).expect(200);
    expect(header(ok, 'X-RateLimit-Remaining')).toBe('98');
    // One it would have to look up is refused with the unknown ones: the address is past its
    // budget, and telling a real key from a made-up one would take the lookup it must not cost.
    expectError(await whoAmI(strict.http, unseen), 429, 'rate_limited');
  });
});

describe('malformed keys are refused by authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startListeningApp({ AUTH_FAILURE_LIMIT_PER_IP: '4' });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A key of the right shape whose checksum does not match. */
  const malformed = (): string => {
    const key = generateApiKey();
    return key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
  };
  const answerOf = (res: request.Response): unknown => ({
    status: res.status,
    body: res.body as unknown,
    headers: Object.keys(res.headers)
      .filter((name) => !['date', 'x-request-id', 'content-length'].includes(name))
      .sort()
      .map((name) => [name, (res.headers as Record<string, string>)[name]]),
  });

  it('answers every malformed key alike, as header or bearer, and spends the per-IP budget', async () => {
    const first = await whoAmI(t.http, malformed());
    expectError(first, 401, 'invalid_api_key');
    const again = await whoAmI(t.http, malformed());
    expect(answerOf(again)).toEqual(answerOf(first));
    expect(again.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const bearer = await request(t.http)
      .get(`${API}/auth/user`)
      .set('Authorization', `Bearer ${malformed()}`);
    expect(answerOf(bearer)).toEqual(answerOf(first));

    // Failures 4 and 5 of a budget of 4.
    await whoAmI(t.http, malformed()).expect(401);
    const limited = await whoAmI(t.http, malformed());
    expectError(limited, 429, 'rate_limited');
    expect(header(limited, 'Retry-After')).toMatch(/^[1-9]\d*$/);
  });

  it('leaves public routes alone: a malformed key is ignored there, as before', async () => {
    await request(t.http).get('/health').set('X-API-Key', malformed()).expect(200);
    const res = await request(t.http)
      .post(`${API}/auth/signup`)
      .set('X-API-Key', malformed())
      .send({ email: uniqueEmail('malformed-key'), password: STRONG_PASSWORD });
    expect(res.status).toBe(201);
  });
});
