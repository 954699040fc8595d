import request from 'supertest';
import { expectError } from '../../helpers/contract';
import {
  API,
  bearer,
  createApiKey,
  createUser,
  signIn,
  uniqueEmail,
  type TestUser,
} from '../../helpers/factories';
import {
  ADMIN_PASSWORD,
  ALL_SCOPES,
  outcomeOf,
  pollUntil,
  redisEnv,
  startListeningApp,
} from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * ADMIN_EMAIL / ADMIN_PASSWORD at start-up take over the account with that email if it exists.
 * Whoever signed up with the address first must not keep a way in: the take-over ends every
 * session of the account and revokes every key it had, on every instance.
 */

type Http = TestApp['http'];
const me = (http: Http, key: string): request.Test =>
  request(http).get(`${API}/auth/user`).set('X-API-Key', key);
const meBySession = (http: Http, user: Pick<TestUser, 'accessToken'>): request.Test =>
  request(http)
    .get(`${API}/auth/user`)
    .set(...bearer(user.accessToken));
const refresh = (http: Http, refreshToken: string): request.Test =>
  request(http).post(`${API}/auth/refresh`).send({ refresh_token: refreshToken });

describe('start-up admin (ADMIN_EMAIL) taking over an existing account (e2e)', () => {
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string> = {}): Promise<TestApp> => {
    const t = await startListeningApp({ ...redisEnv(), ...env });
    apps.push(t);
    return t;
  };
  afterAll(async () => {
    await Promise.all(apps.map((t) => t.close()));
  });

  // Two instances need a shared bus (Redis, or a PostgreSQL server's LISTEN/NOTIFY); the
  // embedded database serves one instance only.
  const describeTwoInstances =
    process.env.DATABASE_URL || process.env.REDIS_URL ? describe : describe.skip;

  describeTwoInstances('on two instances', () => {
    it("ends the earlier owner's sessions and revokes its keys, on both instances", async () => {
      const a = await start();
      const squatter = await createUser(a.http);
      const other = await createUser(a.http);
      const { id: keyId, key } = await createApiKey(a.http, squatter, { scopes: ALL_SCOPES });
      const { key: otherKey } = await createApiKey(a.http, other, { scopes: ALL_SCOPES });
      // Used twice on A, so A holds the key in its cache.
      await me(a.http, key).expect(200);
      await me(a.http, key).expect(200);
      await meBySession(a.http, squatter).expect(200);

      const b = await start({ ADMIN_EMAIL: squatter.email, ADMIN_PASSWORD });

      for (const t of [a, b]) {
        expectError(await meBySession(t.http, squatter), 401, 'invalid_token');
      }
      expect(outcomeOf(await me(b.http, key))).toEqual([401, 'api_key_revoked']);
      // A learns of it through the invalidation bus (Redis when REDIS_URL is set), not its cache TTL.
      const elapsed = await pollUntil(
        async () => JSON.stringify(outcomeOf(await me(a.http, key))) === '[401,"api_key_revoked"]',
        { everyMs: 50, giveUpMs: 3000 },
      );
      expect(elapsed).not.toBeNull();
      expect(elapsed).toBeLessThan(1000);
      expectError(await refresh(a.http, squatter.refreshToken), 401, 'invalid_token');
      expectError(
        await request(a.http)
          .post(`${API}/auth/signin`)
          .send({ email: squatter.email, password: squatter.password }),
        401,
        'invalid_credentials',
      );

      // The operator is in, as admin, and sees the old key revoked (kept for audit).
      const operator = await signIn(b.http, squatter.email, ADMIN_PASSWORD);
      const got = await request(a.http)
        .get(`${API}/api-keys/${keyId}`)
        .set(...bearer(operator.accessToken))
        .expect(200);
      expect(got.body).toHaveProperty('revoked_at');
      expect((await meBySession(a.http, operator).expect(200)).body).toMatchObject({
        role: 'admin',
      });
      // Nobody else lost anything.
      await meBySession(a.http, other).expect(200);
      await me(a.http, otherKey).expect(200);
    });
  });

  it('ends the sessions and keys of an admin whose password the start-up step resets', async () => {
    const email = uniqueEmail('admin');
    const first = await start({ ADMIN_EMAIL: email, ADMIN_PASSWORD });
    const admin = await signIn(first.http, email, ADMIN_PASSWORD);
    const { key } = await createApiKey(first.http, admin);
    await me(first.http, key).expect(200);

    const newPassword = `${ADMIN_PASSWORD} rotated`;
    const second = await start({ ADMIN_EMAIL: email, ADMIN_PASSWORD: newPassword });
    expectError(await meBySession(second.http, admin), 401, 'invalid_token');
    expectError(await refresh(second.http, admin.refreshToken), 401, 'invalid_token');
    expect(outcomeOf(await me(second.http, key))).toEqual([401, 'api_key_revoked']);
    await signIn(second.http, email, newPassword);
  });

  it('leaves an admin that already has that password signed in, with its keys, on restart', async () => {
    const email = uniqueEmail('admin');
    const first = await start({ ADMIN_EMAIL: email, ADMIN_PASSWORD });
    const admin = await signIn(first.http, email, ADMIN_PASSWORD);
    const { key } = await createApiKey(first.http, admin);

    const restarted = await start({ ADMIN_EMAIL: email, ADMIN_PASSWORD });
    for (const t of [first, restarted]) {
      expect(outcomeOf(await meBySession(t.http, admin))).toEqual([200]);
      expect(outcomeOf(await me(t.http, key))).toEqual([200]);
    }
    expect(outcomeOf(await refresh(restarted.http, admin.refreshToken))).toEqual([200]);
  });
});
