import request from 'supertest';
import { FaultProxy } from '../helpers/fault-proxy';
import { createApiKey, createUser, sleep, type TestUser } from '../helpers/factories';
import {
  describeRedis,
  pollUntil,
  REDIS_TAG,
  REDIS_URL,
  startListeningApp as startApp,
} from '../helpers/keyed';
import type { TestApp } from '../helpers/test-app';

/**
 * Redis failing under the rate limiter: unreachable from the start, and cut then restored under
 * a running app (through the fault proxy). Keyed requests keep being served quickly and limited
 * in process, the outage is logged once, and the budget is shared again when Redis is back.
 */

type Http = TestApp['http'];

/** Nest's Logger writes into the first app's logs of a file, so log lines are looked for in all. */
const started: TestApp[] = [];
async function startListeningApp(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startApp(env);
  started.push(t);
  return t;
}
const logLines = (text: string): string[] =>
  started.flatMap((t) => t.logs).filter((line) => line.includes(text));
const whoAmI = (http: Http, key: string): request.Test =>
  request(http).get('/api/v1/auth/user').set('X-API-Key', key);
const header = (res: request.Response, name: string): string | undefined =>
  (res.headers as Record<string, string | undefined>)[name.toLowerCase()];

async function readiness(http: Http): Promise<{ status: number; mode?: string }> {
  const res = await request(http).get('/health/ready');
  const body = res.body as { info?: { redis?: { mode?: string } } };
  return { status: res.status, mode: body.info?.redis?.mode };
}

// First: ioredis leaves a 2 s disconnect timer behind for a connection that never opened;
// the suite after this one outlasts it, so jest exits cleanly.
describe('Redis unreachable from the start (dead port)', () => {
  let t: TestApp;
  let owner: TestUser;
  beforeAll(async () => {
    t = await startListeningApp({ REDIS_URL: 'redis://127.0.0.1:6390' });
    owner = await createUser(t.http);
  });
  afterAll(() => t.close());

  it('stays ready and reports the degradation', async () => {
    expect(await readiness(t.http)).toEqual({ status: 200, mode: 'degraded' });
  });

  it('serves keyed requests quickly and still limits them in process', async () => {
    const { key } = await createApiKey(t.http, owner, { rate_limit_per_minute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const started = performance.now();
      const res = await whoAmI(t.http, key);
      expect(performance.now() - started).toBeLessThan(1000);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
  });

  it('logs the outage once, not once per request', () => {
    const warnings = logLines('Redis unavailable').filter((l) => l.includes('6390'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('"level":40');
  });
});

describeRedis(`Redis stopping under a running app${REDIS_TAG}`, () => {
  let proxy: FaultProxy;
  let t: TestApp;
  let owner: TestUser;
  beforeAll(async () => {
    const target = new URL(REDIS_URL ?? 'redis://127.0.0.1:6379');
    proxy = new FaultProxy(target.hostname, Number(target.port || 6379));
    await proxy.start();
    t = await startListeningApp({ REDIS_URL: proxy.proxiedUrl(target.toString()) });
    owner = await createUser(t.http);
  });
  afterAll(async () => {
    await t?.close();
    await proxy?.close();
  });

  it('keeps serving and limiting while Redis is down, and shares again when it is back', async () => {
    const { key } = await createApiKey(t.http, owner, { rate_limit_per_minute: 4 });
    expect(await readiness(t.http)).toEqual({ status: 200, mode: 'shared' });
    await whoAmI(t.http, key).expect(200);

    const warningsBefore = logLines('Redis unavailable').length;
    const backBefore = logLines('Redis is back').length;
    await proxy.cut();
    const degradedAfter = await pollUntil(
      async () => (await readiness(t.http)).mode === 'degraded',
      { giveUpMs: 3000 },
    );
    expect(degradedAfter).not.toBeNull();
    expect((await readiness(t.http)).status).toBe(200);

    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const started = performance.now();
      statuses.push((await whoAmI(t.http, key)).status);
      expect(performance.now() - started).toBeLessThan(1000);
    }
    // In process, the key's limit still holds: its 4 per minute on this instance.
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429, 429, 429]);
    // The warning comes with the first failed reconnect; several more attempts and requests
    // later it is still the only one.
    const warned = await pollUntil(
      () => Promise.resolve(logLines('Redis unavailable').length > warningsBefore),
      { giveUpMs: 3000 },
    );
    expect(warned).not.toBeNull();
    await sleep(1000);
    await whoAmI(t.http, key).expect(429);
    expect(logLines('Redis unavailable').length - warningsBefore).toBe(1);

    await proxy.restore();
    const backAfter = await pollUntil(async () => (await readiness(t.http)).mode === 'shared', {
      everyMs: 100,
      giveUpMs: 6000,
    });
    expect(backAfter).not.toBeNull();
    expect(logLines('Redis is back').length - backBefore).toBe(1);
    // Shared again: the budget is Redis's, where one of the 4 was spent before the outage.
    const res = await whoAmI(t.http, key).expect(200);
    expect(header(res, 'X-RateLimit-Remaining')).toBe('2');
  });
});
