import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { expectError } from '../../helpers/contract';
import { API, createApiKey, createUser, type TestUser } from '../../helpers/factories';
import { ALL_SCOPES, redisEnv, setRole, startAppWithAdmin } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/** The users resource: GET/PATCH/DELETE /api/v1/users[/id]. */

interface User {
  id: string;
  email: string;
  role: 'user' | 'admin';
  metadata?: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}
interface UserList {
  users: User[];
  total: number;
}

describe('users resource (e2e)', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ t, admin } = await startAppWithAdmin(redisEnv()));
  });
  afterAll(() => t.close());

  const as = (user: TestUser) => {
    const bearer = (r: request.Test): request.Test =>
      r.set('Authorization', `Bearer ${user.accessToken}`);
    return {
      list: (query = '') => bearer(request(t.http).get(`${API}/users${query}`)),
      get: (id: string) => bearer(request(t.http).get(`${API}/users/${id}`)),
      patch: (id: string, body: unknown) =>
        bearer(request(t.http).patch(`${API}/users/${id}`)).send(body as object),
      delete: (id: string) => bearer(request(t.http).delete(`${API}/users/${id}`)),
    };
  };

  describe('GET /users', () => {
    it('gives an admin every user, paginated with limit and offset, with the total', async () => {
      // Enough users that the first pages are full whatever else the run created.
      for (let i = 0; i < 4; i++) await createUser(t.http);
      const page = async (query: string): Promise<UserList> =>
        (await as(admin).list(query).expect(200)).body as UserList;

      // Other test files add and delete users concurrently: compare pages against a listing
      // taken before and after them, and retry if the table changed in between.
      let checked = false;
      for (let attempt = 0; attempt < 5 && !checked; attempt++) {
        const before = await page('?limit=100');
        const first = await page('?limit=2');
        const second = await page('?limit=2&offset=2');
        const shifted = await page('?limit=3&offset=1');
        const after = await page('?limit=100');
        if (JSON.stringify(before) !== JSON.stringify(after)) continue;
        expect(before.total).toBeGreaterThanOrEqual(5);
        expect(before.users).toHaveLength(Math.min(100, before.total));
        expect(first).toEqual({ users: before.users.slice(0, 2), total: before.total });
        expect(second).toEqual({ users: before.users.slice(2, 4), total: before.total });
        expect(shifted).toEqual({ users: before.users.slice(1, 4), total: before.total });
        const count = await t.dataSource.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM users',
        );
        expect(Math.abs(count[0].n - before.total)).toBeLessThanOrEqual(5);
        checked = true;
      }
      expect(checked).toBe(true);

      const defaults = await page('');
      expect(defaults.users.length).toBe(Math.min(50, defaults.total));
    });

    it('gives a user (session or key) only itself', async () => {
      const user = await createUser(t.http);
      const mine = await as(user).list('?limit=10&offset=0').expect(200);
      expect(mine.body).toEqual({
        users: [expect.objectContaining({ id: user.id, email: user.email, role: 'user' })],
        total: 1,
      });
      const { key } = await createApiKey(t.http, user, { scopes: ['read:users'] });
      const keyed = await request(t.http).get(`${API}/users`).set('X-API-Key', key).expect(200);
      expect(keyed.body).toEqual(mine.body);
    });

    it('refuses out-of-range pagination with 400', async () => {
      for (const query of ['?limit=0', '?limit=101', '?limit=abc', '?offset=-1']) {
        expectError(await as(admin).list(query), 400, 'validation_failed');
      }
    });
  });

  describe('GET /users/{id}', () => {
    it("answers a user its own record and 404 for anyone else's", async () => {
      const alice = await createUser(t.http);
      const bob = await createUser(t.http);
      const own = await as(alice).get(alice.id).expect(200);
      expect(own.body).toEqual({
        id: alice.id,
        email: alice.email,
        email_verified: false,
        role: 'user',
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
        updated_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      });
      const notFound = expectError(await as(alice).get(bob.id), 404, 'not_found');
      // The same answer as for an id nobody has: it does not confirm that bob exists.
      expect(expectError(await as(alice).get(randomUUID()), 404, 'not_found')).toEqual(notFound);
      const { key } = await createApiKey(t.http, alice, { scopes: ['read:users'] });
      expectError(
        await request(t.http).get(`${API}/users/${bob.id}`).set('X-API-Key', key),
        404,
        'not_found',
      );
    });

    it("lets an admin read anyone's record", async () => {
      const alice = await createUser(t.http);
      const res = await as(admin).get(alice.id).expect(200);
      expect(res.body).toMatchObject({ id: alice.id, email: alice.email });
      expectError(await as(admin).get(randomUUID()), 404, 'not_found');
    });

    it('refuses an id that is not a UUID with 400 invalid_id', async () => {
      expectError(await as(admin).get('12345'), 400, 'invalid_id');
    });
  });

  describe('PATCH /users/{id}', () => {
    it('changes metadata (session or write:users key) and keeps it', async () => {
      const user = await createUser(t.http);
      const before = (await as(user).get(user.id).expect(200)).body as User;
      const res = await as(user)
        .patch(user.id, { metadata: { team: 'payments' } })
        .expect(200);
      expect(res.body).toMatchObject({ id: user.id, metadata: { team: 'payments' } });
      expect(Date.parse((res.body as User).updated_at)).toBeGreaterThanOrEqual(
        Date.parse(before.updated_at),
      );
      const { key } = await createApiKey(t.http, user, { scopes: ALL_SCOPES });
      await request(t.http)
        .patch(`${API}/users/${user.id}`)
        .set('X-API-Key', key)
        .send({ metadata: { team: 'billing', tier: 2 } })
        .expect(200);
      const after = await as(user).get(user.id).expect(200);
      expect((after.body as User).metadata).toEqual({ team: 'billing', tier: 2 });
      // Empty metadata is omitted, not null.
      const cleared = await as(user).patch(user.id, { metadata: {} }).expect(200);
      expect(cleared.body).not.toHaveProperty('metadata');
    });

    it('rejects unknown fields and bad values with 400', async () => {
      const user = await createUser(t.http);
      expectError(
        await as(user).patch(user.id, { email: 'x@example.com' }),
        400,
        'validation_failed',
      );
      expectError(await as(user).patch(user.id, { metadata: 'text' }), 400, 'validation_failed');
      expectError(await as(admin).patch(user.id, { role: 'root' }), 400, 'validation_failed');
    });

    it("lets only an admin's session change a role", async () => {
      const user = await createUser(t.http);
      expectError(await as(user).patch(user.id, { role: 'admin' }), 403, 'forbidden');
      const { key } = await createApiKey(t.http, user, { scopes: ['write:users'] });
      expectError(
        await request(t.http)
          .patch(`${API}/users/${user.id}`)
          .set('X-API-Key', key)
          .send({ role: 'admin' }),
        403,
        'user_session_required',
      );
      expect(((await as(user).get(user.id).expect(200)).body as User).role).toBe('user');
      // Restating the current role is not a change.
      await as(user).patch(user.id, { role: 'user' }).expect(200);

      const promoted = await as(admin).patch(user.id, { role: 'admin' }).expect(200);
      expect((promoted.body as User).role).toBe('admin');
      // The user's existing session has the new role at once.
      const all = (await as(user).list('?limit=5').expect(200)).body as UserList;
      expect(all.total).toBeGreaterThan(1);
      await setRole(t, admin, user.id, 'user');
      expect(((await as(user).list().expect(200)).body as UserList).total).toBe(1);
    });

    it("answers 404 for someone else's record", async () => {
      const alice = await createUser(t.http);
      const bob = await createUser(t.http);
      expectError(await as(alice).patch(bob.id, { metadata: { x: 1 } }), 404, 'not_found');
      expect((await as(bob).get(bob.id).expect(200)).body).not.toHaveProperty('metadata');
    });
  });

  describe('DELETE /users/{id}', () => {
    const rowsOf = async (table: 'api_keys' | 'sessions', userId: string): Promise<number> => {
      const rows = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`,
        [userId],
      );
      return rows[0].n;
    };

    it('deletes the caller with its keys and sessions: its key and tokens stop working', async () => {
      const user = await createUser(t.http);
      const { key } = await createApiKey(t.http, user, { scopes: ALL_SCOPES });
      await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key).expect(200);
      expect(await rowsOf('api_keys', user.id)).toBe(1);
      expect(await rowsOf('sessions', user.id)).toBe(1);

      const res = await as(user).delete(user.id).expect(200);
      expect(res.body).toEqual({ message: expect.any(String) as unknown });

      expectError(
        await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key),
        401,
        'invalid_api_key',
      );
      expectError(await as(user).get(user.id), 401, 'invalid_token');
      expectError(
        await request(t.http)
          .post(`${API}/auth/refresh`)
          .send({ refresh_token: user.refreshToken }),
        401,
        'invalid_token',
      );
      expectError(
        await request(t.http)
          .post(`${API}/auth/signin`)
          .send({ email: user.email, password: user.password }),
        401,
        'invalid_credentials',
      );
      expect(await rowsOf('api_keys', user.id)).toBe(0);
      expect(await rowsOf('sessions', user.id)).toBe(0);
      expectError(await as(admin).get(user.id), 404, 'not_found');
    });

    it("answers a user 404 for someone else's record and deletes nothing", async () => {
      const alice = await createUser(t.http);
      const bob = await createUser(t.http);
      expectError(await as(alice).delete(bob.id), 404, 'not_found');
      await as(bob).get(bob.id).expect(200);
    });

    it('lets an admin delete another user', async () => {
      const bob = await createUser(t.http);
      const { key } = await createApiKey(t.http, bob);
      await as(admin).delete(bob.id).expect(200);
      expectError(await as(admin).get(bob.id), 404, 'not_found');
      expectError(
        await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key),
        401,
        'invalid_api_key',
      );
      expectError(await as(admin).delete(bob.id), 404, 'not_found');
    });
  });
});
