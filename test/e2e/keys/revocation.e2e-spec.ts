import request from 'supertest';
import { API, createApiKey, createUser, sleep, type TestUser } from '../../helpers/factories';
import {
  ALL_SCOPES,
  describeRedis,
  describeServerPostgres,
  outcomeOf,
  pollUntil,
  REDIS_TAG,
  REDIS_URL,
  redisEnv,
  SERVER_PG_TAG,
  setRole,
  startAppWithAdmin,
  startListeningApp,
} from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * A change to a key (revoke, delete, scopes, expiry) or to its owner (role, deletion)
 * made on one instance is enforced by every other instance within 1 second, although they cache
 * key records; the instance that made the change enforces it at once.
 */

type Http = TestApp['http'];
type Outcome = [number] | [number, string];
const bearer = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];
const me = (http: Http, key: string): request.Test =>
  request(http).get(`${API}/auth/user`).set('X-API-Key', key);

const BOUND_MS = 1000;

/**
 * Polls `send` on the other instance every 50 ms until it answers `expected`; returns how long
 * that took (null if it never did within 3 s).
 */
async function timeUntil(send: () => request.Test, expected: Outcome): Promise<number | null> {
  return pollUntil(
    async () => JSON.stringify(outcomeOf(await send())) === JSON.stringify(expected),
    {
      everyMs: 50,
      giveUpMs: 3000,
    },
  );
}

function expectWithinBound(elapsed: number | null): void {
  expect(elapsed).not.toBeNull();
  expect(elapsed).toBeLessThan(BOUND_MS);
}

/** Instance A makes the change, instance B (which has the key cached) must enforce it. */
function crossInstanceSuite(env: () => Record<string, string>): void {
  let a: TestApp;
  let b: TestApp;
  let admin: TestUser;
  let owner: TestUser;
  beforeAll(async () => {
    ({ t: a, admin } = await startAppWithAdmin(env()));
    b = await startListeningApp(env());
    owner = await createUser(a.http);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  /** A key used once on B, so B holds its record in cache. */
  async function keyWarmOnB(body: Record<string, unknown> = {}, user = owner) {
    const created = await createApiKey(a.http, user, { scopes: ALL_SCOPES, ...body });
    await me(b.http, created.key).expect(200);
    await me(b.http, created.key).expect(200);
    return created;
  }

  it('refuses a key revoked on A with 401 api_key_revoked on B within 1 s', async () => {
    const { id, key } = await keyWarmOnB();
    await request(a.http)
      .post(`${API}/api-keys/${id}/revoke`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    // A refuses it at once, B within the bound.
    expect(outcomeOf(await me(a.http, key))).toEqual([401, 'api_key_revoked']);
    expectWithinBound(await timeUntil(() => me(b.http, key), [401, 'api_key_revoked']));
  });

  it('refuses a key deleted on A with 401 invalid_api_key on B within 1 s', async () => {
    const { id, key } = await keyWarmOnB();
    await request(a.http)
      .delete(`${API}/api-keys/${id}`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    expect(outcomeOf(await me(a.http, key))).toEqual([401, 'invalid_api_key']);
    expectWithinBound(await timeUntil(() => me(b.http, key), [401, 'invalid_api_key']));
  });

  it('enforces a scope removed on A with 403 insufficient_scope on B within 1 s', async () => {
    const { id, key } = await keyWarmOnB();
    await request(a.http)
      .patch(`${API}/api-keys/${id}`)
      .set(...bearer(owner.accessToken))
      .send({ scopes: ['write:users'] })
      .expect(200);
    expectWithinBound(await timeUntil(() => me(b.http, key), [403, 'insufficient_scope']));
    // What it kept still works there.
    await request(b.http)
      .patch(`${API}/users/${owner.id}`)
      .set('X-API-Key', key)
      .send({ metadata: { still: 'writable' } })
      .expect(200);
  });

  it('enforces a new expiry set on A, on B, without waiting for the cache', async () => {
    const { id, key } = await keyWarmOnB();
    const expiresAt = Date.now() + 1200;
    await request(a.http)
      .patch(`${API}/api-keys/${id}`)
      .set(...bearer(owner.accessToken))
      .send({ expires_at: new Date(expiresAt).toISOString() })
      .expect(200);
    await sleep(Math.max(0, expiresAt - Date.now()));
    expectWithinBound(await timeUntil(() => me(b.http, key), [401, 'api_key_expired']));
  });

  it("takes an admin's reach from its key on B within 1 s of the demotion on A", async () => {
    const victim = await createUser(a.http);
    const boss = await createUser(a.http);
    await setRole(a, admin, boss.id, 'admin');
    const { key } = await createApiKey(a.http, boss, { scopes: ['read:users'] });
    const readVictim = (): request.Test =>
      request(b.http).get(`${API}/users/${victim.id}`).set('X-API-Key', key);
    await readVictim().expect(200);
    await readVictim().expect(200);

    await setRole(a, admin, boss.id, 'user');
    expectWithinBound(await timeUntil(readVictim, [404, 'not_found']));
    // Its own record is still readable: the key lost reach, not validity.
    await request(b.http).get(`${API}/users/${boss.id}`).set('X-API-Key', key).expect(200);
  });

  it('refuses the keys of a user deleted on A with 401 invalid_api_key on B within 1 s', async () => {
    const doomed = await createUser(a.http);
    const first = await keyWarmOnB({}, doomed);
    const second = await keyWarmOnB({ name: 'second' }, doomed);
    await request(a.http)
      .delete(`${API}/users/${doomed.id}`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    const useFirst = (): request.Test => me(b.http, first.key);
    expectWithinBound(await timeUntil(useFirst, [401, 'invalid_api_key']));
    expect(outcomeOf(await me(b.http, second.key))).toEqual([401, 'invalid_api_key']);
  });

  it('leaves the other keys of the same owner alone', async () => {
    const revoked = await keyWarmOnB();
    const kept = await keyWarmOnB({ name: 'kept' });
    await request(a.http)
      .post(`${API}/api-keys/${revoked.id}/revoke`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    expectWithinBound(await timeUntil(() => me(b.http, revoked.key), [401, 'api_key_revoked']));
    await me(b.http, kept.key).expect(200);
  });
}

describeRedis(`revocation (e2e) across two instances, Redis pub/sub${REDIS_TAG}`, () => {
  crossInstanceSuite(() => ({ REDIS_URL: REDIS_URL! }));
});

describeServerPostgres(
  `revocation (e2e) across two instances, PostgreSQL LISTEN/NOTIFY (no Redis)${SERVER_PG_TAG}`,
  () => {
    crossInstanceSuite(() => ({}));
  },
);

describe('revocation (e2e) on the instance that made the change', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ t, admin } = await startAppWithAdmin(redisEnv()));
  });
  afterAll(() => t.close());

  it('refuses a warm key on the very next request after revoke, delete or owner deletion', async () => {
    const owner = await createUser(t.http);
    const warm = async (): Promise<{ id: string; key: string }> => {
      const k = await createApiKey(t.http, owner);
      await me(t.http, k.key).expect(200);
      return k;
    };
    const revoked = await warm();
    await request(t.http)
      .post(`${API}/api-keys/${revoked.id}/revoke`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    expect(outcomeOf(await me(t.http, revoked.key))).toEqual([401, 'api_key_revoked']);

    const deleted = await warm();
    await request(t.http)
      .delete(`${API}/api-keys/${deleted.id}`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    expect(outcomeOf(await me(t.http, deleted.key))).toEqual([401, 'invalid_api_key']);

    const narrowed = await warm();
    await request(t.http)
      .patch(`${API}/api-keys/${narrowed.id}`)
      .set(...bearer(owner.accessToken))
      .send({ scopes: ['verify:api-keys'] })
      .expect(200);
    expect(outcomeOf(await me(t.http, narrowed.key))).toEqual([403, 'insufficient_scope']);

    const orphan = await warm();
    await request(t.http)
      .delete(`${API}/users/${owner.id}`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(outcomeOf(await me(t.http, orphan.key))).toEqual([401, 'invalid_api_key']);
  });

  it('takes reach from a warm key on the next request after its owner is demoted', async () => {
    const victim = await createUser(t.http);
    const boss = await createUser(t.http);
    await setRole(t, admin, boss.id, 'admin');
    const { key } = await createApiKey(t.http, boss);
    const readVictim = (): request.Test =>
      request(t.http).get(`${API}/users/${victim.id}`).set('X-API-Key', key);
    await readVictim().expect(200);
    await setRole(t, admin, boss.id, 'user');
    expect(outcomeOf(await readVictim())).toEqual([404, 'not_found']);
  });
});
