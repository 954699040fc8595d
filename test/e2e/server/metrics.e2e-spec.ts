import request from 'supertest';
import { visiblePrefix } from '../../../src/api-keys/api-key-format';
import { expectError } from '../../helpers/contract';
import { API, bearer, createApiKey, createUser, insertUser } from '../../helpers/factories';
import {
  describeServerPostgres,
  pollUntil,
  redisEnv,
  REDIS_URL,
  SERVER_PG_TAG,
  startListeningApp,
} from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';
import { Receiver } from '../webhooks/receiver';

const TOKEN = 'metrics-token-for-this-suite-0123456789';

/** The value of one sample line (`name{labels} value`), or undefined when it is absent. */
function sample(exposition: string, series: string): number | undefined {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  describe('without METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startListeningApp();
    });
    afterAll(() => t?.close());

    it('is 404, as a path that does not exist, whatever the request carries', async () => {
      expectError(await request(t.http).get('/metrics'), 404, 'not_found');
      expectError(
        await request(t.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`),
        404,
        'not_found',
      );
      expectError(await request(t.http).get(`${API}/metrics`), 404, 'not_found');
    });
  });

  describe('with METRICS_TOKEN', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startListeningApp({ METRICS_TOKEN: TOKEN, ...redisEnv() });
    });
    afterAll(() => t?.close());

    const scrape = async (): Promise<string> => {
      const res = await request(t.http)
        .get('/metrics')
        .set('Authorization', `Bearer ${TOKEN}`)
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      return res.text;
    };

    it('is 404 without the token or with a wrong one', async () => {
      expectError(await request(t.http).get('/metrics'), 404, 'not_found');
      for (const authorization of [
        `Bearer ${TOKEN}x`,
        `Bearer ${TOKEN.slice(0, -1)}`,
        'Bearer ',
        TOKEN,
        `Basic ${TOKEN}`,
      ]) {
        const res = await request(t.http).get('/metrics').set('Authorization', authorization);
        expectError(res, 404, 'not_found');
      }
    });

    it('exposes every metric the contract names, and the process metrics', async () => {
      const text = await scrape();
      for (const name of [
        'keyward_key_verifications_total',
        'keyward_http_request_duration_seconds',
        'keyward_key_cache_hits_total',
        'keyward_key_cache_misses_total',
        'keyward_rate_limit_decisions_total',
        'keyward_webhook_deliveries_total',
        'keyward_redis_up',
        'keyward_db_pool_waiting',
        'process_cpu_user_seconds_total',
        'nodejs_eventloop_lag_seconds',
      ]) {
        expect(text).toContain(`# TYPE ${name} `);
      }
      // Every line a comment, a sample or blank, in the text format Prometheus parses.
      const malformed = text
        .trimEnd()
        .split('\n')
        .filter(
          (line) =>
            line !== '' &&
            !/^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+$/.test(line) &&
            !/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? (-?[0-9.e+-]+|nan|[+-]inf)$/i.test(line),
        );
      expect(malformed).toEqual([]);
      expect(sample(text, 'keyward_redis_up')).toBe(REDIS_URL ? 1 : 0);
      expect(sample(text, 'keyward_db_pool_waiting')).toBe(0);
    });

    it('moves with traffic, labels routes by template, and names no key, user or address', async () => {
      const user = await insertUser(t);
      const key = await createApiKey(t.http, user, {
        scopes: ['read:users'],
        rate_limit_per_minute: 3,
      });
      const before = await scrape();
      const valid = 'keyward_key_verifications_total{outcome="valid"}';
      const scope = 'keyward_key_verifications_total{outcome="insufficient_scope"}';
      const invalid = 'keyward_key_verifications_total{outcome="invalid"}';
      const refused = 'keyward_rate_limit_decisions_total{decision="refused",source="api_key"}';
      const misses = 'keyward_key_cache_misses_total';
      const hits = 'keyward_key_cache_hits_total';

      await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key.key).expect(200);
      await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key.key).expect(200);
      await request(t.http)
        .patch(`${API}/users/${user.id}`)
        .set('X-API-Key', key.key)
        .send({ role: 'user' })
        .expect(403);
      await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key.key).expect(429);
      await request(t.http).get(`${API}/auth/user`).set('X-API-Key', 'kw_not-a-key').expect(401);
      await request(t.http)
        .get(`${API}/api-keys/${key.id}`)
        .set(...bearer(user.accessToken))
        .expect(200);
      await request(t.http).get(`/no/such/path/${key.id}/${user.email}`).expect(404);

      const after = await scrape();
      const delta = (series: string): number =>
        (sample(after, series) ?? 0) - (sample(before, series) ?? 0);
      expect(delta(valid)).toBe(2);
      expect(delta(scope)).toBe(1);
      expect(delta(invalid)).toBe(1);
      expect(delta(refused)).toBe(1);
      expect(delta(misses)).toBe(1);
      expect(delta(hits)).toBe(3);

      const histogram = 'keyward_http_request_duration_seconds_count';
      expect(sample(after, `${histogram}{route="/api/v1/api-keys/:id",status="2xx"}`)).toBe(1);
      expect(sample(after, `${histogram}{route="/api/v1/auth/user",status="4xx"}`)).toBe(2);
      expect(sample(after, `${histogram}{route="unmatched",status="4xx"}`)).toBeGreaterThanOrEqual(
        1,
      );

      for (const identifying of [
        key.id,
        key.key,
        visiblePrefix(key.key),
        user.id,
        user.email,
        '127.0.0.1',
        '/no/such/path',
      ]) {
        expect(after).not.toContain(identifying);
      }
    });
  });

  // A second database needs a PostgreSQL server (an embedded one cannot start inside a worker).
  describeServerPostgres(`with METRICS_TOKEN and webhooks delivering${SERVER_PG_TAG}`, () => {
    let db: TestDatabase;
    let t: TestApp;
    let r: Receiver;
    beforeAll(async () => {
      // A database of its own: its worker must take no other suite's deliveries, and no other
      // suite's worker its own, or the counts here would be someone else's.
      db = await createTestDatabase();
      r = await new Receiver().start();
      t = await startListeningApp({
        DATABASE_URL: db.url,
        METRICS_TOKEN: TOKEN,
        WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
        WEBHOOK_RETRY_BASE_MS: '100',
        WEBHOOK_POLL_INTERVAL_MS: '50',
        WEBHOOK_WORKER_ENABLED: 'true',
      });
    });
    afterAll(async () => {
      await t?.close();
      await r?.stop();
      await db?.drop();
    });

    const scrape = async (): Promise<string> =>
      (await request(t.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200))
        .text;

    it('counts a failed attempt as retried and the delivery that then succeeds as succeeded', async () => {
      const series = (result: string): string =>
        `keyward_webhook_deliveries_total{result="${result}"}`;
      const before = await scrape();
      const user = await createUser(t.http);
      // The first try is refused; the retry is taken.
      r.answer = (_event, previous) => (previous.length === 0 ? 503 : 200);
      await request(t.http)
        .post(`${API}/webhooks`)
        .set(...bearer(user.accessToken))
        .send({ url: r.url, events: ['api_key.created'] })
        .expect(201);
      await createApiKey(t.http, user);
      await r.waitFor((events) => events.length === 1);
      // The count follows the receiver's answer once the attempt is written.
      let after = before;
      const delta = (result: string): number =>
        (sample(after, series(result)) ?? 0) - (sample(before, series(result)) ?? 0);
      const counted = await pollUntil(
        async () => {
          after = await scrape();
          return delta('succeeded') === 1;
        },
        { giveUpMs: 10_000 },
      );
      expect(counted).not.toBeNull();
      expect(r.requests.map((q) => q.answered)).toEqual([503, 200]);
      expect(delta('retried')).toBe(1);
      expect(delta('succeeded')).toBe(1);
      expect(delta('failed')).toBe(0);
    });
  });
});
