import request from 'supertest';
import { generateApiKey } from '../../src/api-keys/api-key-format';
import { expectError } from '../helpers/contract';
import {
  startFaultTarget,
  startProxyFor,
  type FaultProxy,
  type FaultTarget,
} from '../helpers/fault-proxy';
import {
  API,
  createApiKey,
  createUser,
  sleep,
  type CreatedKey,
  type TestUser,
} from '../helpers/factories';
import { outcomeOf, pollUntil, redisEnv, startListeningApp } from '../helpers/keyed';
import type { TestApp } from '../helpers/test-app';

/**
 * PostgreSQL fails under a running app. The app reaches its database through a
 * TCP proxy the test cuts (server gone), pauses (server hung: connections open, nothing
 * answered) and restores. Fail closed: what needs the database answers 503 `unavailable`, never
 * 401 (that would tell a client its key is bad) and never 200 for a key not verified recently.
 *
 * The target is the run's database on the real PostgreSQL when DATABASE_URL is set, else a
 * private in-memory PGlite child.
 */
const CACHE_TTL_MS = 1500;
const QUERY_TIMEOUT_MS = 2000;
/** pg's connect timeout (data-source-options.ts) is 3 s; the slowest path is one of the two. */
const HUNG_BOUND_MS = 6000;
const describeWithoutRedis = redisEnv().REDIS_URL ? describe.skip : describe;

describe('PostgreSQL failing under a running app', () => {
  let target: FaultTarget;
  let proxy: FaultProxy;
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    target = await startFaultTarget();
    proxy = await startProxyFor(target);
    t = await startListeningApp({
      DATABASE_URL: proxy.proxiedUrl(target.url),
      DB_MIGRATIONS_RUN: target.migrate,
      KEY_CACHE_TTL_MS: String(CACHE_TTL_MS),
      DB_STATEMENT_TIMEOUT_MS: '1000',
      DB_QUERY_TIMEOUT_MS: String(QUERY_TIMEOUT_MS),
      ...redisEnv(),
    });
    user = await createUser(t.http);
  }, 60_000);

  afterAll(async () => {
    proxy?.resume();
    await t?.close();
    await proxy?.close();
    await target?.close();
  }, 30_000);

  const me = (key: string) =>
    request(t.http).get(`${API}/auth/user`).set('X-API-Key', key).timeout(15_000);
  const signIn = () =>
    request(t.http)
      .post(`${API}/auth/signin`)
      .send({ email: user.email, password: user.password })
      .timeout(15_000);
  /** Opens a few pooled connections (concurrent readiness pings: SELECT 1, no transaction). */
  const warmPool = async () => {
    const pings = await Promise.all(
      [1, 2, 3].map(() => request(t.http).get('/health/ready').timeout(10_000)),
    );
    expect(pings.map((r) => r.status)).toEqual([200, 200, 200]);
  };
  const revoke = (id: string) =>
    request(t.http)
      .post(`${API}/api-keys/${id}/revoke`)
      .set('Authorization', `Bearer ${user.accessToken}`)
      .expect(200);

  describe('PostgreSQL down (connections reset, new ones refused)', () => {
    let warm: CreatedKey;
    let cold: CreatedKey;
    let revokedUnseen: CreatedKey;
    let revokedSeen: CreatedKey;
    let verifiedAt: number;

    beforeAll(async () => {
      // One after the other: PGlite runs every connection on one session, so concurrent
      // transactions would interleave there.
      const keys: CreatedKey[] = [];
      for (const n of [1, 2, 3, 4]) keys.push(await createApiKey(t.http, user, { name: `k${n}` }));
      [warm, cold, revokedUnseen, revokedSeen] = keys;
      await revoke(revokedUnseen.id);
      await revoke(revokedSeen.id);
      // Seen after its revocation: cached as revoked.
      const seen = outcomeOf(await me(revokedSeen.key));
      // The last verification of `warm` before the outage.
      const last = (await me(warm.key)).status;
      verifiedAt = performance.now();
      if (seen.join() !== '401,api_key_revoked' || last !== 200) {
        throw new Error(`set-up: revoked key → ${seen.join()}, warm key → ${last}`);
      }
      await proxy.cut();
    }, 30_000);

    it('keeps serving a key verified just before the outage (within the cache TTL)', async () => {
      const res = await me(warm.key);
      expect(performance.now() - verifiedAt).toBeLessThan(CACHE_TTL_MS);
      expect(res.status).toBe(200);
      expect((res.body as { id: string }).id).toBe(user.id);
    });

    it('answers a real key that is not cached with 503, not 401 or 200', async () => {
      const res = await me(cold.key);
      expectError(res, 503, 'unavailable');
      expect(res.headers['retry-after']).toBe('1');
    });

    it('answers a well-formed key never seen with 503, not 401', async () => {
      expectError(await me(generateApiKey()), 503, 'unavailable');
    });

    it('never accepts a key revoked before the outage', async () => {
      // Not cached: it cannot be checked, so 503.
      expectError(await me(revokedUnseen.key), 503, 'unavailable');
      // Cached as revoked (if still within the TTL): refused as revoked; else 503. Never 200.
      const seen = outcomeOf(await me(revokedSeen.key));
      expect([
        [401, 'api_key_revoked'],
        [503, 'unavailable'],
      ]).toContainEqual(seen);
    });

    it('answers sign-in with 503 unavailable, quickly', async () => {
      const started = performance.now();
      expectError(await signIn(), 503, 'unavailable');
      expect(performance.now() - started).toBeLessThan(HUNG_BOUND_MS);
    });

    it('fails readiness with 503 while liveness stays 200', async () => {
      const ready = await request(t.http).get('/health/ready').timeout(10_000);
      expect(ready.status).toBe(503);
      await request(t.http).get('/health').timeout(5_000).expect(200, { status: 'ok' });
    });

    it('stops serving the cached key once the cache TTL has passed', async () => {
      const wait = verifiedAt + CACHE_TTL_MS + 100 - performance.now();
      if (wait > 0) await sleep(wait);
      expectError(await me(warm.key), 503, 'unavailable');
    });

    it('recovers without a restart once PostgreSQL is back', async () => {
      await proxy.restore();
      const took = await pollUntil(async () => (await signIn()).status === 200, {
        everyMs: 100,
        giveUpMs: 10_000,
      });
      expect(took).not.toBeNull();
      expect(took as number).toBeLessThan(5_000);
      expect((await me(cold.key)).status).toBe(200);
      expect((await me(warm.key)).status).toBe(200);
      expect(outcomeOf(await me(revokedUnseen.key))).toEqual([401, 'api_key_revoked']);
      expect(outcomeOf(await me(generateApiKey()))).toEqual([401, 'invalid_api_key']);
      await request(t.http).get('/health/ready').timeout(10_000).expect(200);
    }, 20_000);

    // Without Redis, invalidations travel by LISTEN/NOTIFY: that connection must come back too.
    describeWithoutRedis('key invalidations without Redis', () => {
      it('LISTENs again once PostgreSQL is back', async () => {
        const relistened = await pollUntil(
          () => Promise.resolve(t.logs.some((line) => line.includes('Invalidation listener back'))),
          { giveUpMs: 5_000 },
        );
        expect(relistened).not.toBeNull();
      });
    });
  });

  describe('PostgreSQL hung (connections open, nothing answered)', () => {
    let key: CreatedKey;

    beforeAll(async () => {
      key = await createApiKey(t.http, user, { name: 'hung key' });
      // Warm the pool: idle connections exist, so requests hit a hung connection, not only
      // the connect timeout.
      await warmPool();
      proxy.pause();
    }, 30_000);

    afterAll(() => proxy.resume());

    it('answers sign-in with 503 within a bound instead of hanging', async () => {
      const started = performance.now();
      const res = await signIn();
      const took = performance.now() - started;
      expectError(res, 503, 'unavailable');
      expect(took).toBeLessThan(HUNG_BOUND_MS);
      expect(proxy.heldBytes).toBeGreaterThan(0); // the request did reach the "database"
    }, 20_000);

    it('answers concurrent key checks with 503 within a bound, none with 401 or 200', async () => {
      const started = performance.now();
      const answers = await Promise.all(
        [key.key, generateApiKey(), key.key, generateApiKey()].map((k) => me(k)),
      );
      expect(performance.now() - started).toBeLessThan(HUNG_BOUND_MS);
      for (const res of answers) expectError(res, 503, 'unavailable');
    }, 20_000);

    it('fails readiness within its ping timeout while liveness stays 200', async () => {
      const started = performance.now();
      const ready = await request(t.http).get('/health/ready').timeout(10_000);
      expect(ready.status).toBe(503);
      expect(performance.now() - started).toBeLessThan(3_000);
      await request(t.http).get('/health').timeout(1_000).expect(200);
    }, 20_000);

    it('recovers once the database answers again', async () => {
      proxy.resume();
      const took = await pollUntil(async () => (await signIn()).status === 200, {
        everyMs: 100,
        giveUpMs: 10_000,
      });
      expect(took).not.toBeNull();
      expect((await me(key.key)).status).toBe(200);
    }, 20_000);
  });

  describe('a connection whose query timed out is not reused', () => {
    it('serves the next requests on fresh connections while old ones stay hung', async () => {
      await warmPool();
      // The open connections now hang forever; new connections work (a half-dead TCP path).
      proxy.freezeExisting();
      const outcomes: string[] = [];
      // Each hung pooled connection may cost one request a 503 (its query timeout); after
      // that the pool must open new connections. Reusing a hung one would fail every request.
      // A never-seen key is never cached: each request reads the database.
      for (
        let i = 0;
        i < 10 && outcomes.slice(-3).join('|') !== Array(3).fill('401,invalid_api_key').join('|');
        i++
      ) {
        outcomes.push(outcomeOf(await me(generateApiKey())).join());
      }
      // The database answered: a never-seen key is invalid. Else only ever 503 unavailable.
      expect(outcomes.slice(-3)).toEqual(Array(3).fill('401,invalid_api_key'));
      expect(
        outcomes.filter((o) => o !== '401,invalid_api_key' && o !== '503,unavailable'),
      ).toEqual([]);
      // At most one failure per pooled connection (DB_POOL_SIZE is 5 in tests).
      expect(outcomes.filter((o) => o === '503,unavailable').length).toBeLessThanOrEqual(5);
      proxy.resume();
    }, 60_000);
  });
});
