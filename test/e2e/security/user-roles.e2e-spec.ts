import request from 'supertest';
import { expectError } from '../../helpers/contract';
import { API, bearer, createApiKey, createUser, type TestUser } from '../../helpers/factories';
import {
  describeServerPostgres,
  redisEnv,
  SERVER_PG_TAG,
  setRole,
  startAppWithAdmin,
} from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';

/**
 * Who may change a role: only a person (a user session), never a key, and never in a way that
 * leaves the service without an admin.
 */

interface User {
  id: string;
  role: 'user' | 'admin';
  metadata?: Record<string, unknown>;
}

const roleOf = async (t: TestApp, admin: TestUser, id: string): Promise<string> =>
  (
    (
      await request(t.http)
        .get(`${API}/users/${id}`)
        .set(...bearer(admin.accessToken))
        .expect(200)
    ).body as User
  ).role;

describe('role changes through API keys (e2e)', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ t, admin } = await startAppWithAdmin(redisEnv()));
  });
  afterAll(() => t.close());

  const patchWithKey = (key: string, id: string, body: object): request.Test =>
    request(t.http).patch(`${API}/users/${id}`).set('X-API-Key', key).send(body);

  it("an API key cannot change a user's role, not even an admin's key with write:users", async () => {
    const target = await createUser(t.http);
    const otherAdmin = await createUser(t.http);
    await setRole(t, admin, otherAdmin.id, 'admin');
    const { id: keyId, key } = await createApiKey(t.http, admin, {
      scopes: ['read:users', 'write:users'],
    });

    expectError(
      await patchWithKey(key, target.id, { role: 'admin' }),
      403,
      'user_session_required',
    );
    expectError(
      await patchWithKey(key, otherAdmin.id, { role: 'user' }),
      403,
      'user_session_required',
    );
    expectError(await patchWithKey(key, admin.id, { role: 'user' }), 403, 'user_session_required');
    // A body that also carries metadata is refused whole: nothing of it is written.
    expectError(
      await patchWithKey(key, target.id, { metadata: { team: 'x' }, role: 'admin' }),
      403,
      'user_session_required',
    );

    await request(t.http)
      .post(`${API}/api-keys/${keyId}/revoke`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(await roleOf(t, admin, target.id)).toBe('user');
    expect(await roleOf(t, admin, otherAdmin.id)).toBe('admin');
    expect(await roleOf(t, admin, admin.id)).toBe('admin');
    const targetRecord = await request(t.http)
      .get(`${API}/users/${target.id}`)
      .set(...bearer(admin.accessToken))
      .expect(200);
    expect(targetRecord.body).not.toHaveProperty('metadata');
  });

  it("a key with write:users still changes its owner's metadata", async () => {
    const user = await createUser(t.http);
    const { key } = await createApiKey(t.http, user, { scopes: ['write:users'] });
    const res = await patchWithKey(key, user.id, { metadata: { plan: 'pro' } }).expect(200);
    expect(res.body).toMatchObject({ role: 'user', metadata: { plan: 'pro' } });
  });

  it("an admin's session still changes roles", async () => {
    const user = await createUser(t.http);
    await setRole(t, admin, user.id, 'admin');
    expect(await roleOf(t, admin, user.id)).toBe('admin');
    await setRole(t, admin, user.id, 'user');
    expect(await roleOf(t, admin, user.id)).toBe('user');
  });
});

/**
 * On a database of its own: "the last admin" must not depend on what other suites created. A
 * second database needs a PostgreSQL server (an embedded one cannot start inside a test worker).
 */
describeServerPostgres(`the last admin (e2e)${SERVER_PG_TAG}`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    db = await createTestDatabase();
    ({ t, admin } = await startAppWithAdmin({ DATABASE_URL: db.url, ...redisEnv() }));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const as = (user: TestUser) => ({
    patch: (id: string, body: object) =>
      request(t.http)
        .patch(`${API}/users/${id}`)
        .set(...bearer(user.accessToken))
        .send(body),
    delete: (id: string) =>
      request(t.http)
        .delete(`${API}/users/${id}`)
        .set(...bearer(user.accessToken)),
  });

  const adminCount = async (): Promise<number> => {
    const rows = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM users WHERE role = 'admin'`,
    );
    return rows[0].n;
  };

  it('refuses to demote the only admin with 409 last_admin', async () => {
    expect(await adminCount()).toBe(1);
    expectError(await as(admin).patch(admin.id, { role: 'user' }), 409, 'last_admin');
    expect(await roleOf(t, admin, admin.id)).toBe('admin');
  });

  it('refuses to delete the only admin with 409 last_admin', async () => {
    expectError(await as(admin).delete(admin.id), 409, 'last_admin');
    expect(await roleOf(t, admin, admin.id)).toBe('admin');
  });

  it('lets one of two admins go, then keeps the other', async () => {
    const second = await createUser(t.http);
    await setRole(t, admin, second.id, 'admin');
    await as(second).patch(second.id, { role: 'user' }).expect(200);
    expectError(await as(admin).patch(admin.id, { role: 'user' }), 409, 'last_admin');

    await setRole(t, admin, second.id, 'admin');
    await as(admin).delete(second.id).expect(200);
    expectError(await as(admin).delete(admin.id), 409, 'last_admin');
    expect(await adminCount()).toBe(1);
  });

  it('keeps one admin when two admins are demoted or deleted at the same moment', async () => {
    for (let round = 0; round < 5; round++) {
      const second = await createUser(t.http);
      await setRole(t, admin, second.id, 'admin');
      const [first, other] = await Promise.all([
        as(admin).patch(admin.id, { role: 'user' }),
        round % 2 === 0
          ? as(second).patch(second.id, { role: 'user' })
          : as(second).delete(second.id),
      ]);
      const statuses = [first.status, other.status].sort();
      expect(statuses).toEqual([200, 409]);
      expect(await adminCount()).toBe(1);
      // Put the start-up admin back in charge for the next round.
      if (first.status === 200) {
        await setRole(t, second, admin.id, 'admin');
        await as(admin).delete(second.id).expect(200);
      } else if (other.status === 200 && round % 2 === 0) {
        await as(admin).delete(second.id).expect(200);
      }
      expect(await adminCount()).toBe(1);
    }
  });
});
