import request from 'supertest';
import { generateApiKey } from '../../../src/api-keys/api-key-format';
import { expectError } from '../../helpers/contract';
import {
  API,
  createApiKey,
  createUser,
  sleep,
  type CreatedKey,
  type TestUser,
} from '../../helpers/factories';
import {
  ALL_SCOPES,
  expireKeyInDatabase,
  pollUntil,
  recordSql,
  redisEnv,
  setRole,
  startAppWithAdmin,
  startListeningApp,
  type SqlRecorder,
} from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * Keys as credentials (every route × credential cell is in the authorization matrix), how a
 * key's power is bounded by its owner's current role, the verify endpoint, and the write-free
 * hot path.
 */

const auth = (token: string): [string, string] => ['Authorization', `Bearer ${token}`];

/** A valid key with one body character changed: right shape, wrong checksum. */
function breakChecksum(key: string): string {
  const i = 10;
  return key.slice(0, i) + (key[i] === 'A' ? 'B' : 'A') + key.slice(i + 1);
}

describe('key authentication (e2e)', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    // Many refusals come from 127.0.0.1 here; the per-IP failure budget has its own test.
    ({ t, admin } = await startAppWithAdmin({
      ...redisEnv(),
      AUTH_FAILURE_LIMIT_PER_IP: '100000',
    }));
  });
  afterAll(() => t.close());

  // Every route × credential cell is in the authorization matrix (test/e2e/server/authz-matrix.ts).
  describe('keys as credentials', () => {
    let shared: { owner: TestUser; full: CreatedKey };
    beforeAll(async () => {
      const owner = await createUser(t.http);
      const full = await createApiKey(t.http, owner, { name: 'full', scopes: ALL_SCOPES });
      shared = { owner, full };
    });

    it('accepts a key in Authorization: Bearer as well as X-API-Key', async () => {
      const res = await request(t.http)
        .get(`${API}/auth/user`)
        .set(...auth(shared.full.key))
        .expect(200);
      expect(res.body).toMatchObject({ id: shared.owner.id });
      expectError(
        await request(t.http)
          .get(`${API}/auth/user`)
          .set(...auth(breakChecksum(shared.full.key))),
        401,
        'invalid_api_key',
      );
    });

    it('answers the key owner for GET /auth/user and GET /users/{id}', async () => {
      const me = await request(t.http)
        .get(`${API}/auth/user`)
        .set('X-API-Key', shared.full.key)
        .expect(200);
      expect(me.body).toMatchObject({ id: shared.owner.id, email: shared.owner.email });
      expect(me.body).not.toHaveProperty('password_hash');
      const byId = await request(t.http)
        .get(`${API}/users/${shared.owner.id}`)
        .set('X-API-Key', shared.full.key)
        .expect(200);
      expect(byId.body).toEqual(me.body);
    });

    it('refuses an expired key that is already cached, without any message', async () => {
      const { owner } = shared;
      const expiresAt = Date.now() + 1500;
      const { key } = await createApiKey(t.http, owner, {
        expires_at: new Date(expiresAt).toISOString(),
      });
      await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key).expect(200);
      await sleep(expiresAt - Date.now() + 50);
      expectError(
        await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key),
        401,
        'api_key_expired',
      );
    });
  });

  describe("a key's power is its scopes within its owner's current role", () => {
    it("lets an admin's key read another user's record until the admin is demoted", async () => {
      const victim = await createUser(t.http);
      const adminKey = await createApiKey(t.http, admin, {
        name: 'admin service',
        scopes: ['read:users', 'write:users'],
      });
      const read = (id: string): request.Test =>
        request(t.http).get(`${API}/users/${id}`).set('X-API-Key', adminKey.key);

      const before = await read(victim.id).expect(200);
      expect(before.body).toMatchObject({ id: victim.id, email: victim.email });
      const listed = await request(t.http)
        .get(`${API}/users?limit=100`)
        .set('X-API-Key', adminKey.key)
        .expect(200);
      expect((listed.body as { total: number }).total).toBeGreaterThan(1);

      // A second admin demotes the start-up admin.
      const second = await createUser(t.http);
      await setRole(t, admin, second.id, 'admin');
      await setRole(t, second, admin.id, 'user');
      try {
        expectError(await read(victim.id), 404, 'not_found');
        expectError(
          await request(t.http)
            .patch(`${API}/users/${victim.id}`)
            .set('X-API-Key', adminKey.key)
            .send({ metadata: { owned: true } }),
          404,
          'not_found',
        );
        const own = await read(admin.id).expect(200);
        expect(own.body).toMatchObject({ id: admin.id, role: 'user' });
        const self = await request(t.http)
          .get(`${API}/users`)
          .set('X-API-Key', adminKey.key)
          .expect(200);
        expect(self.body).toEqual({ users: [own.body], total: 1 });
      } finally {
        await setRole(t, second, admin.id, 'admin');
      }
      // Promoted again: the same key reaches the record again, at once.
      await read(victim.id).expect(200);
    });

    it('lists the missing scope in the details of 403 insufficient_scope', async () => {
      const owner = await createUser(t.http);
      const readOnly = await createApiKey(t.http, owner, { scopes: ['read:users'] });
      const patch = expectError(
        await request(t.http)
          .patch(`${API}/users/${owner.id}`)
          .set('X-API-Key', readOnly.key)
          .send({ metadata: { a: 1 } }),
        403,
        'insufficient_scope',
      );
      expect(patch.details).toEqual([
        { field: 'scopes', problem: expect.stringContaining("'write:users'") as unknown },
      ]);
      const verify = expectError(
        await request(t.http)
          .post(`${API}/api-keys/verify`)
          .set('X-API-Key', readOnly.key)
          .send({ key: readOnly.key }),
        403,
        'insufficient_scope',
      );
      expect(verify.details).toEqual([
        { field: 'scopes', problem: expect.stringContaining("'verify:api-keys'") as unknown },
      ]);
      const writeOnly = await createApiKey(t.http, owner, { scopes: ['write:users'] });
      const read = expectError(
        await request(t.http).get(`${API}/auth/user`).set('X-API-Key', writeOnly.key),
        403,
        'insufficient_scope',
      );
      expect(read.details).toEqual([
        { field: 'scopes', problem: expect.stringContaining("'read:users'") as unknown },
      ]);
      // The record was not changed by the refused PATCH.
      const me = await request(t.http)
        .get(`${API}/auth/user`)
        .set('X-API-Key', readOnly.key)
        .expect(200);
      expect(me.body).not.toHaveProperty('metadata');
    });

    it('lists every scope with a description, without credentials', async () => {
      const res = await request(t.http).get(`${API}/api-keys/scopes`).expect(200);
      const scopes = (res.body as { scopes: { scope: string; description: string }[] }).scopes;
      expect(scopes.map((s) => s.scope).sort()).toEqual([...ALL_SCOPES].sort());
      for (const s of scopes) expect(s.description.length).toBeGreaterThan(10);
    });
  });

  describe('POST /api-keys/verify', () => {
    let owner: TestUser;
    let caller: CreatedKey;
    const verify = (key: unknown): request.Test =>
      request(t.http).post(`${API}/api-keys/verify`).set('X-API-Key', caller.key).send({ key });

    beforeAll(async () => {
      owner = await createUser(t.http);
      caller = await createApiKey(t.http, owner, {
        name: 'gateway',
        scopes: ['verify:api-keys'],
      });
    });

    it('describes a valid key, and each verification spends that key’s budget', async () => {
      const subject = await createApiKey(t.http, owner, {
        name: 'subject',
        scopes: ['read:users', 'write:users'],
        rate_limit_per_minute: 5,
      });
      const first = await verify(subject.key).expect(200);
      expect(first.body).toEqual({
        valid: true,
        code: 'valid',
        api_key: (subject.body as { api_key: object }).api_key,
        user_id: owner.id,
        scopes: ['read:users', 'write:users'],
        rate_limit: { limit: 5, remaining: 4, reset: expect.any(Number) as unknown },
      });
      expect(first.text).not.toContain(subject.key);
      const reset = (first.body as { rate_limit: { reset: number } }).rate_limit.reset;
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(60);

      const remaining: number[] = [];
      for (let i = 0; i < 4; i++) {
        const res = await verify(subject.key).expect(200);
        expect(res.body).toMatchObject({ valid: true, code: 'valid' });
        remaining.push((res.body as { rate_limit: { remaining: number } }).rate_limit.remaining);
      }
      expect(remaining).toEqual([3, 2, 1, 0]);

      const sixth = await verify(subject.key).expect(200);
      expect(sixth.body).toEqual({
        valid: false,
        code: 'rate_limited',
        rate_limit: { limit: 5, remaining: 0, reset: expect.any(Number) as unknown },
      });
      // The same budget as the key's own requests.
      expectError(
        await request(t.http).get(`${API}/auth/user`).set('X-API-Key', subject.key),
        429,
        'rate_limited',
      );
    });

    it('says why a key is not valid', async () => {
      const revoked = await createApiKey(t.http, owner);
      await request(t.http)
        .post(`${API}/api-keys/${revoked.id}/revoke`)
        .set(...auth(owner.accessToken))
        .expect(200);
      const expired = await createApiKey(t.http, owner);
      await expireKeyInDatabase(t, expired.id);
      const cases: [unknown, string][] = [
        [revoked.key, 'api_key_revoked'],
        [expired.key, 'api_key_expired'],
        [generateApiKey(), 'invalid_api_key'],
        [breakChecksum(caller.key), 'invalid_api_key'],
        ['garbage', 'invalid_api_key'],
        ['', 'invalid_api_key'],
      ];
      for (const [key, code] of cases) {
        const res = await verify(key).expect(200);
        expect({ key, body: res.body as unknown }).toEqual({ key, body: { valid: false, code } });
      }
    });

    it('refuses a body without a key with 400', async () => {
      expectError(await verify(undefined), 400, 'validation_failed');
      expectError(await verify(42), 400, 'validation_failed');
    });

    it('refuses a caller without verify:api-keys with 403 and does not spend the budget', async () => {
      const reader = await createApiKey(t.http, owner, { scopes: ['read:users'] });
      const subject = await createApiKey(t.http, owner, { rate_limit_per_minute: 5 });
      for (let i = 0; i < 3; i++) {
        expectError(
          await request(t.http)
            .post(`${API}/api-keys/verify`)
            .set('X-API-Key', reader.key)
            .send({ key: subject.key }),
          403,
          'insufficient_scope',
        );
      }
      const res = await verify(subject.key).expect(200);
      expect(res.body).toMatchObject({ valid: true, rate_limit: { limit: 5, remaining: 4 } });
    });
  });
});

describe('key authentication (e2e): the hot path', () => {
  describe('a warm key needs no SQL', () => {
    let t: TestApp;
    let sql: SqlRecorder;
    let owner: TestUser;
    beforeAll(async () => {
      // A long flush interval, so the batched last_used_at UPDATE cannot land in a window.
      t = await startListeningApp({ ...redisEnv(), LAST_USED_FLUSH_MS: '60000' });
      owner = await createUser(t.http);
      sql = recordSql();
    });
    afterAll(async () => {
      sql.restore();
      await t.close();
    });

    /** A keyed request whose handler never runs: the answer is decided by the guards + pipe. */
    const probe = (key: string): request.Test =>
      request(t.http).get(`${API}/users/not-a-uuid`).set('X-API-Key', key);

    it('looks a cold key up once, then answers from memory with zero statements', async () => {
      const { key } = await createApiKey(t.http, owner);
      sql.take();
      expectError(await probe(key), 400, 'invalid_id');
      const cold = sql.take();
      // The recorder sees the lookup (so an empty list below means "no SQL", not "blind").
      expect(cold.filter((s) => /\bapi_keys\b/.test(s))).toHaveLength(1);

      for (let i = 0; i < 5; i++) expectError(await probe(key), 400, 'invalid_id');
      await Promise.all(Array.from({ length: 20 }, () => probe(key).expect(400)));
      expect(sql.take()).toEqual([]);
    });

    it('answers concurrent first requests with one key by one lookup between them', async () => {
      const { key } = await createApiKey(t.http, owner);
      sql.take();
      const answers = await Promise.all(Array.from({ length: 20 }, () => probe(key)));
      for (const answer of answers) expectError(answer, 400, 'invalid_id');
      // One, unless a key changes somewhere during the burst (other suites share the run's
      // database and invalidations): a lookup begun before a change is never joined after it.
      const lookups = sql.take().filter((s) => /\bapi_keys\b/.test(s));
      expect(lookups.length).toBeGreaterThanOrEqual(1);
      expect(lookups.length).toBeLessThan(answers.length / 2);
    });

    it('serves a warm GET /auth/user with no SQL at all (key and owner both cached)', async () => {
      const { key } = await createApiKey(t.http, owner);
      await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key).expect(200);
      sql.take();
      for (let i = 0; i < 10; i++) {
        const res = await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key).expect(200);
        expect((res.body as { id: string }).id).toBe(owner.id);
      }
      expect(sql.take()).toEqual([]);
    });

    it('re-reads the owner after a change to the user record', async () => {
      const { key } = await createApiKey(t.http, owner, { scopes: ['read:users', 'write:users'] });
      await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key).expect(200);
      await request(t.http)
        .patch(`${API}/users/${owner.id}`)
        .set('X-API-Key', key)
        .send({ metadata: { tier: 'gold' } })
        .expect(200);
      const res = await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key).expect(200);
      expect((res.body as { metadata?: unknown }).metadata).toEqual({ tier: 'gold' });
    });

    it('refuses a malformed key or a bad checksum without a database lookup', async () => {
      const { key } = await createApiKey(t.http, owner);
      sql.take();
      for (const bad of ['kw_short', breakChecksum(key), `${key}x`, 'not even a prefix']) {
        expectError(
          await request(t.http).get(`${API}/auth/user`).set('X-API-Key', bad),
          401,
          'invalid_api_key',
        );
      }
      expect(sql.take()).toEqual([]);
      // A well-formed unknown key does cost one lookup (and is refused the same way).
      expectError(
        await request(t.http).get(`${API}/auth/user`).set('X-API-Key', generateApiKey()),
        401,
        'invalid_api_key',
      );
      expect(sql.take().filter((s) => /\bapi_keys\b/.test(s))).toHaveLength(1);
    });

    it('writes nothing when verifying a warm key', async () => {
      const caller = await createApiKey(t.http, owner, { scopes: ['verify:api-keys'] });
      const subject = await createApiKey(t.http, owner);
      const verify = (): request.Test =>
        request(t.http)
          .post(`${API}/api-keys/verify`)
          .set('X-API-Key', caller.key)
          .send({ key: subject.key })
          .expect(200);
      await verify();
      sql.take();
      for (let i = 0; i < 5; i++) await verify();
      const statements = sql.take();
      expect(statements.filter((s) => /^\s*(UPDATE|INSERT|DELETE)\b/i.test(s))).toEqual([]);
    });
  });

  describe('last_used_at is written in batches', () => {
    let t: TestApp;
    let sql: SqlRecorder;
    let owner: TestUser;
    const FLUSH_MS = 300;
    beforeAll(async () => {
      t = await startListeningApp({ ...redisEnv(), LAST_USED_FLUSH_MS: String(FLUSH_MS) });
      owner = await createUser(t.http);
    });
    afterAll(() => t.close());

    const lastUsed = async (id: string): Promise<string | undefined> => {
      const res = await request(t.http)
        .get(`${API}/api-keys/${id}`)
        .set(...auth(owner.accessToken))
        .expect(200);
      return (res.body as { last_used_at?: string }).last_used_at;
    };

    it('moves last_used_at within the flush interval after each use', async () => {
      const { id, key } = await createApiKey(t.http, owner);
      expect(await lastUsed(id)).toBeUndefined();

      let previous: string | undefined;
      for (let round = 0; round < 2; round++) {
        const usedAt = Date.now();
        await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key).expect(200);
        let seen: string | undefined;
        const elapsed = await pollUntil(
          async () => {
            seen = await lastUsed(id);
            return seen !== undefined && seen !== previous;
          },
          { everyMs: 25, giveUpMs: 3000 },
        );
        expect(elapsed).not.toBeNull();
        // Within one interval, plus slack for the poll and the flush's own round trip (the
        // default interval, 10 s, would fail this by far).
        expect(elapsed).toBeLessThan(FLUSH_MS * 2);
        expect(Date.parse(seen!)).toBeGreaterThanOrEqual(usedAt - 5);
        expect(Date.parse(seen!)).toBeLessThanOrEqual(Date.now());
        previous = seen;
        await sleep(20);
      }
    });

    it('writes the uses of many keys and requests in one UPDATE per interval', async () => {
      const keys = [
        await createApiKey(t.http, owner),
        await createApiKey(t.http, owner),
        await createApiKey(t.http, owner),
      ];
      await sleep(FLUSH_MS + 50); // let any earlier use flush
      sql = recordSql();
      try {
        await Promise.all(
          keys.flatMap((k) =>
            Array.from({ length: 10 }, () =>
              request(t.http).get(`${API}/auth/user`).set('X-API-Key', k.key).expect(200),
            ),
          ),
        );
        await sleep(FLUSH_MS * 2 + 100);
        const updates = sql.take().filter((s) => /^\s*UPDATE\b/i.test(s));
        // 30 keyed requests: one batched statement per flush tick they straddled, not 30.
        expect(updates.length).toBeGreaterThanOrEqual(1);
        expect(updates.length).toBeLessThanOrEqual(2);
        for (const u of updates) expect(u).toMatch(/UPDATE api_keys\b[\s\S]*last_used_at/);
      } finally {
        sql.restore();
      }
      for (const k of keys) expect(await lastUsed(k.id)).toBeDefined();
    });
  });

  describe('key cache refresh-ahead (KEY_CACHE_TTL_MS 1 s)', () => {
    const TTL_MS = 1000;
    let t: TestApp;
    let owner: TestUser;
    let sql: SqlRecorder;
    beforeAll(async () => {
      t = await startListeningApp({
        KEY_CACHE_TTL_MS: String(TTL_MS),
        LAST_USED_FLUSH_MS: '60000',
      });
      owner = await createUser(t.http);
      sql = recordSql();
    });
    afterAll(async () => {
      sql.restore();
      await t.close();
    });
    const whoAmI = (key: string): request.Test =>
      request(t.http).get(`${API}/auth/user`).set('X-API-Key', key);
    const isRefresh = (statement: string): boolean =>
      statement.startsWith('/* keyward:key-cache-refresh */');

    it('keeps a key in use cached past its TTL with batched reads, none on a request', async () => {
      const keys = await Promise.all([createApiKey(t.http, owner), createApiKey(t.http, owner)]);
      for (const { key } of keys) await whoAmI(key).expect(200);
      sql.take();
      const until = Date.now() + 3 * TTL_MS;
      while (Date.now() < until) {
        for (const { key } of keys) await whoAmI(key).expect(200);
        await sleep(50);
      }
      const statements = sql.take();
      // Three TTLs of steady use: no lookup on any request, the refresh did the reading.
      expect(statements.filter((s) => !isRefresh(s))).toEqual([]);
      expect(statements.filter(isRefresh).length).toBeGreaterThanOrEqual(3);
      // One statement refreshes both keys.
      expect(statements.filter(isRefresh).every((s) => /ANY\(\$1::uuid\[\]\)/.test(s))).toBe(true);
    });

    it('lets a key nobody uses expire instead of refreshing it', async () => {
      const { key } = await createApiKey(t.http, owner);
      await whoAmI(key).expect(200); // cached by the lookup, never used from the cache
      await sleep(2 * TTL_MS + 200);
      sql.take();
      await whoAmI(key).expect(200);
      expect(sql.take().filter((s) => !isRefresh(s) && /\bapi_keys\b/.test(s))).toHaveLength(1);
    });

    it('still sees an out-of-band revocation within the TTL', async () => {
      const { id, key } = await createApiKey(t.http, owner);
      await whoAmI(key).expect(200);
      await t.dataSource.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [id]);
      const elapsed = await pollUntil(async () => (await whoAmI(key)).status === 401, {
        giveUpMs: 3 * TTL_MS,
      });
      expect(elapsed).not.toBeNull();
      expect(elapsed).toBeLessThanOrEqual(TTL_MS + 200);
      expectError(await whoAmI(key), 401, 'api_key_revoked');
    });

    it('drops a key deleted behind its back at the next refresh', async () => {
      const { id, key } = await createApiKey(t.http, owner);
      await whoAmI(key).expect(200);
      await t.dataSource.query('DELETE FROM api_keys WHERE id = $1', [id]);
      const elapsed = await pollUntil(async () => (await whoAmI(key)).status === 401, {
        giveUpMs: 3 * TTL_MS,
      });
      expect(elapsed).not.toBeNull();
      expect(elapsed).toBeLessThanOrEqual(TTL_MS + 200);
      expectError(await whoAmI(key), 401, 'invalid_api_key');
    });
  });
});
