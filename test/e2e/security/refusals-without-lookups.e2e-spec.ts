import request from 'supertest';
import { generateApiKey } from '../../../src/api-keys/api-key-format';
import { expectError } from '../../helpers/contract';
import { API, createApiKey, createUser } from '../../helpers/factories';
import { recordSql, redisEnv, startListeningApp } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * A caller already known to be refused (its IP past the failure budget, or its session over its
 * per-user limit) gets its 429 before any credential lookup: a flood of such requests must not
 * turn into a flood of SQL statements.
 */

type Http = TestApp['http'];

const whoAmIWithKey = (http: Http, key: string): request.Test =>
  request(http).get(`${API}/auth/user`).set('X-API-Key', key);
const whoAmIWithToken = (http: Http, token: string): request.Test =>
  request(http).get(`${API}/auth/user`).set('Authorization', `Bearer ${token}`);

const header = (res: request.Response, name: string): string | undefined =>
  (res.headers as Record<string, string | undefined>)[name.toLowerCase()];

/** An answer without what differs between two requests (time, id, seconds left). */
const refusalOf = (res: request.Response): unknown => ({
  status: res.status,
  body: res.body as unknown,
  headers: Object.keys(res.headers)
    .filter((name) => !['date', 'x-request-id', 'retry-after', 'x-ratelimit-reset'].includes(name))
    .sort()
    .map((name) => [name, (res.headers as Record<string, string>)[name]]),
});

/** The statements sent while `run` ran (the spy calls through to the real database). */
async function sqlDuring(run: () => Promise<void>): Promise<string[]> {
  const sql = recordSql();
  try {
    await run();
    return sql.take();
  } finally {
    sql.restore();
  }
}

describe('refused callers cost no database work', () => {
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string>): Promise<TestApp> => {
    const t = await startListeningApp({ ...redisEnv(), ...env });
    apps.push(t);
    return t;
  };
  afterAll(async () => {
    await Promise.all(apps.map((t) => t.close()));
  });

  it('refuses unknown keys from an IP past its failure budget before any lookup', async () => {
    const t = await start({ AUTH_FAILURE_LIMIT_PER_IP: '5' });
    for (let i = 0; i < 5; i++) {
      expectError(await whoAmIWithKey(t.http, generateApiKey()), 401, 'invalid_api_key');
    }
    const answers: request.Response[] = [];
    const statements = await sqlDuring(async () => {
      for (let i = 0; i < 30; i++) answers.push(await whoAmIWithKey(t.http, generateApiKey()));
    });
    for (const res of answers) {
      expectError(res, 429, 'rate_limited');
      expect(header(res, 'Retry-After')).toMatch(/^[1-9]\d*$/);
    }
    expect(statements).toEqual([]);
  });

  it('refuses an ended session from an IP past its failure budget before any lookup', async () => {
    const t = await start({ AUTH_FAILURE_LIMIT_PER_IP: '3' });
    const user = await createUser(t.http);
    await request(t.http)
      .post(`${API}/auth/signout`)
      .set('Authorization', `Bearer ${user.accessToken}`)
      .expect(200);
    // A token still validly signed, whose session is over: each use is a failure.
    for (let i = 0; i < 3; i++) {
      expectError(await whoAmIWithToken(t.http, user.accessToken), 401, 'invalid_token');
    }
    const answers: request.Response[] = [];
    const statements = await sqlDuring(async () => {
      for (let i = 0; i < 10; i++) answers.push(await whoAmIWithToken(t.http, user.accessToken));
    });
    for (const res of answers) {
      expectError(res, 429, 'rate_limited');
      expect(header(res, 'Retry-After')).toMatch(/^[1-9]\d*$/);
    }
    expect(statements).toEqual([]);
  });

  it('spends no failure budget on requests that succeed, and keeps serving cached keys', async () => {
    const issuer = await start({});
    const owner = await createUser(issuer.http);
    const { key } = await createApiKey(issuer.http, owner, { rate_limit_per_minute: 100 });
    const t = await start({ AUTH_FAILURE_LIMIT_PER_IP: '3' });
    // The first use looks the key up on this instance; none of these is a failure.
    for (let i = 0; i < 5; i++) await whoAmIWithKey(t.http, key).expect(200);
    const failures = [];
    for (let i = 0; i < 4; i++) failures.push(await whoAmIWithKey(t.http, generateApiKey()));
    expect(failures.map((r) => r.status)).toEqual([401, 401, 401, 429]);
    // Known without I/O, the real key is served as before, on its own budget.
    const ok = await whoAmIWithKey(t.http, key).expect(200);
    // Six of its own requests spent (GCRA gives back one every 0.6 s meanwhile); the 401s none.
    const remaining = Number(header(ok, 'X-RateLimit-Remaining'));
    expect(remaining).toBeGreaterThanOrEqual(94);
    expect(remaining).toBeLessThan(100);
  });

  it('refuses a session over its per-user limit before the session lookup, with the same 429', async () => {
    const t = await start({ SESSION_RATE_LIMIT_PER_MINUTE: '3' });
    const user = await createUser(t.http);
    for (let i = 0; i < 3; i++) await whoAmIWithToken(t.http, user.accessToken).expect(200);
    const first = await whoAmIWithToken(t.http, user.accessToken);
    expectError(first, 429, 'rate_limited');
    expect(header(first, 'X-RateLimit-Limit')).toBe('3');
    expect(header(first, 'X-RateLimit-Remaining')).toBe('0');
    expect(header(first, 'X-RateLimit-Reset')).toMatch(/^\d+$/);
    expect(header(first, 'Retry-After')).toMatch(/^[1-9]\d*$/);

    const answers: request.Response[] = [];
    const statements = await sqlDuring(async () => {
      for (let i = 0; i < 10; i++) answers.push(await whoAmIWithToken(t.http, user.accessToken));
    });
    for (const res of answers) {
      expect(refusalOf(res)).toEqual(refusalOf(first));
      expect(header(res, 'X-RateLimit-Reset')).toMatch(/^\d+$/);
      expect(header(res, 'Retry-After')).toMatch(/^[1-9]\d*$/);
    }
    expect(statements).toEqual([]);
  });
});
