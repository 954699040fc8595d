import { createHash, createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { generateApiKey } from '../../../src/api-keys/api-key-format';
import { expectError } from '../../helpers/contract';
import {
  API,
  bearer,
  createApiKey,
  createUser,
  signIn,
  sleep,
  uniqueEmail,
  type TestUser,
} from '../../helpers/factories';
import { startTestApp, TEST_SECRETS, type TestApp } from '../../helpers/test-app';

interface ApiKeyBody {
  id: string;
  name: string;
  description?: string;
  key_prefix: string;
  scopes: string[];
  rate_limit_per_minute: number;
  created_at: string;
  updated_at?: string;
  expires_at?: string;
  revoked_at?: string;
  last_used_at?: string;
  user_id: string;
}
interface CreateBody {
  api_key: ApiKeyBody;
  key: string;
}
interface ListBody {
  api_keys: ApiKeyBody[];
  total: number;
}

const KEYS = `${API}/api-keys`;
const KEY_SHAPE = /^kw_[0-9A-Za-z]{49}$/;
const RFC3339_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ALL_SCOPES = ['read:users', 'write:users', 'verify:api-keys'];
const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

/** Session-authenticated calls to the management API. */
function keysApi(t: TestApp, user: Pick<TestUser, 'accessToken'>) {
  const auth = bearer(user.accessToken);
  return {
    create: (body: object) =>
      request(t.http)
        .post(KEYS)
        .set(...auth)
        .send(body),
    list: (query = '') =>
      request(t.http)
        .get(`${KEYS}${query}`)
        .set(...auth),
    get: (id: string) =>
      request(t.http)
        .get(`${KEYS}/${id}`)
        .set(...auth),
    update: (id: string, body: object) =>
      request(t.http)
        .patch(`${KEYS}/${id}`)
        .set(...auth)
        .send(body),
    revoke: (id: string) =>
      request(t.http)
        .post(`${KEYS}/${id}/revoke`)
        .set(...auth),
    delete: (id: string) =>
      request(t.http)
        .delete(`${KEYS}/${id}`)
        .set(...auth),
    /** The key as read by its owner (200 asserted). */
    async read(id: string): Promise<ApiKeyBody> {
      const res = await request(t.http)
        .get(`${KEYS}/${id}`)
        .set(...auth)
        .expect(200);
      return res.body as ApiKeyBody;
    },
    async listed(query = ''): Promise<ListBody> {
      const res = await request(t.http)
        .get(`${KEYS}${query}`)
        .set(...auth)
        .expect(200);
      return res.body as ListBody;
    },
  };
}

const whoAmI = (t: TestApp, key: string) =>
  request(t.http).get(`${API}/auth/user`).set('X-API-Key', key);

async function countKeys(t: TestApp, userId: string): Promise<number> {
  const rows = await t.dataSource.query<{ n: number }[]>(
    'SELECT count(*)::int AS n FROM api_keys WHERE user_id = $1',
    [userId],
  );
  return rows[0].n;
}

// One app alive at a time: @nestjs/passport registers the JWT strategy in passport's global
// registry, so an app started later in this worker would authenticate an earlier app's sessions
// (and break them once it closes). Apps with special settings therefore live in sibling describes.
describe('API keys (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('create', () => {
    it('answers 201 with the full key once, the APIKey with defaults, and no-store', async () => {
      const user = await createUser(t.http);
      const before = Date.now();
      const res = await keysApi(t, user)
        .create({ name: 'Production Service', scopes: ['read:users', 'write:users'] })
        .expect(201);

      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const { api_key, key } = res.body as CreateBody;
      expect(Object.keys(res.body as object).sort()).toEqual(['api_key', 'key']);
      expect(key).toMatch(KEY_SHAPE);
      expect(api_key.key_prefix).toBe(key.slice(0, 12));
      expect(api_key).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
        name: 'Production Service',
        scopes: ['read:users', 'write:users'],
        rate_limit_per_minute: 100,
        user_id: user.id,
      });
      // Unset optionals are omitted, not null.
      for (const field of ['description', 'expires_at', 'revoked_at', 'last_used_at']) {
        expect(api_key).not.toHaveProperty(field);
      }
      expect(api_key).not.toHaveProperty('key');
      expect(api_key).not.toHaveProperty('key_hash');
      expect(api_key.created_at).toMatch(RFC3339_MS);
      expect(api_key.updated_at).toMatch(RFC3339_MS);
      const createdAt = Date.parse(api_key.created_at);
      expect(createdAt).toBeGreaterThanOrEqual(before - 5_000);
      expect(createdAt).toBeLessThanOrEqual(Date.now() + 5_000);
    });

    it('stores a trimmed name and the optional fields, normalising expires_at to UTC', async () => {
      const user = await createUser(t.http);
      const res = await keysApi(t, user)
        .create({
          name: '  x  ',
          description: 'API key for production service',
          scopes: ['verify:api-keys'],
          rate_limit_per_minute: 100_000,
          expires_at: '2031-01-01T02:00:00+02:00',
        })
        .expect(201);
      const { api_key } = res.body as CreateBody;
      expect(api_key).toMatchObject({
        name: 'x',
        description: 'API key for production service',
        scopes: ['verify:api-keys'],
        rate_limit_per_minute: 100_000,
        expires_at: '2031-01-01T00:00:00.000Z',
      });
      await expect(keysApi(t, user).read(api_key.id)).resolves.toEqual(api_key);
    });

    it('never shows the full key or its hash again: get, list, update, revoke, delete', async () => {
      const user = await createUser(t.http);
      const api = keysApi(t, user);
      const { id, key } = await createApiKey(t.http, user, { description: 'secret holder' });
      const [{ key_hash: hash }] = await t.dataSource.query<{ key_hash: string }[]>(
        'SELECT key_hash FROM api_keys WHERE id = $1',
        [id],
      );
      const bodies = [
        (await api.get(id).expect(200)).body as unknown,
        (await api.list().expect(200)).body as unknown,
        (await api.update(id, { name: 'renamed' }).expect(200)).body as unknown,
        (await api.revoke(id).expect(200)).body as unknown,
        (await api.delete(id).expect(200)).body as unknown,
      ];
      for (const body of bodies) {
        const text = JSON.stringify(body);
        expect(text).not.toContain(key);
        expect(text).not.toContain(key.slice(12));
        expect(text).not.toContain(hash);
        expect(text).not.toContain('key_hash');
        expect(text).not.toContain('"key"');
      }
    });
  });

  describe('create validation', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await createUser(t.http);
    });

    const valid = { name: 'Valid', scopes: ['read:users'] };
    const without = (field: keyof typeof valid): Record<string, unknown> => {
      const copy: Record<string, unknown> = { ...valid };
      delete copy[field];
      return copy;
    };
    const cases: [string, Record<string, unknown>, string][] = [
      ['name missing', without('name'), 'name'],
      ['name empty', { ...valid, name: '' }, 'name'],
      ['name whitespace only', { ...valid, name: '   ' }, 'name'],
      ['name of 101 characters', { ...valid, name: 'n'.repeat(101) }, 'name'],
      ['name not a string', { ...valid, name: 42 }, 'name'],
      ['description of 501 characters', { ...valid, description: 'd'.repeat(501) }, 'description'],
      ['scopes missing', without('scopes'), 'scopes'],
      ['scopes empty', { ...valid, scopes: [] }, 'scopes'],
      ['scopes not a list', { ...valid, scopes: 'read:users' }, 'scopes'],
      ['unknown scope', { ...valid, scopes: ['read:users', 'read:everything'] }, 'scopes[1]'],
      ['duplicate scope', { ...valid, scopes: ['read:users', 'read:users'] }, 'scopes[1]'],
      ['rate limit 0', { ...valid, rate_limit_per_minute: 0 }, 'rate_limit_per_minute'],
      ['rate limit 100001', { ...valid, rate_limit_per_minute: 100_001 }, 'rate_limit_per_minute'],
      ['rate limit 1.5', { ...valid, rate_limit_per_minute: 1.5 }, 'rate_limit_per_minute'],
      [
        'rate limit as a string',
        { ...valid, rate_limit_per_minute: '10' },
        'rate_limit_per_minute',
      ],
      ['expires_at in the past', { ...valid, expires_at: '2020-01-01T00:00:00Z' }, 'expires_at'],
      ['expires_at not a timestamp', { ...valid, expires_at: 'next tuesday' }, 'expires_at'],
      ['expires_at date only', { ...valid, expires_at: '2031-12-31' }, 'expires_at'],
      ['unknown field user_id', { ...valid, user_id: randomUUID() }, 'user_id'],
      ['unknown field key_hash', { ...valid, key_hash: 'f'.repeat(64) }, 'key_hash'],
      ['unknown field revoked_at', { ...valid, revoked_at: inDays(-1) }, 'revoked_at'],
    ];

    it.each(cases)('%s → 400 validation_failed', async (_label, body, field) => {
      const stored = await countKeys(t, user.id);
      const res = await keysApi(t, user).create(body);
      const error = expectError(res, 400, 'validation_failed');
      expect(error.details?.map((d) => d.field)).toEqual([field]);
      expect(error.details?.[0].problem).toEqual(expect.any(String));
      // A refused request stores nothing.
      await expect(countKeys(t, user.id)).resolves.toBe(stored);
    });

    it('names the unknown scope and lists the valid ones', async () => {
      const res = await keysApi(t, user).create({
        ...valid,
        scopes: ['read:users', 'read:everything'],
      });
      const { problem } = expectError(res, 400, 'validation_failed').details?.[0] ?? {};
      expect(problem).toContain("'read:everything'");
      for (const scope of ALL_SCOPES) expect(problem).toContain(scope);
    });

    it('accepts the boundaries: 100-character name, 500-character description, rate limit 1', async () => {
      const owner = await createUser(t.http);
      const api = keysApi(t, owner);
      const long = await api
        .create({ ...valid, name: 'n'.repeat(100), description: 'd'.repeat(500) })
        .expect(201);
      expect((long.body as CreateBody).api_key.name).toHaveLength(100);
      const low = await api.create({ ...valid, rate_limit_per_minute: 1 }).expect(201);
      expect((low.body as CreateBody).api_key.rate_limit_per_minute).toBe(1);
      await expect(countKeys(t, owner.id)).resolves.toBe(2);
    });
  });

  describe('list', () => {
    it("lists only the caller's keys, newest first, with total", async () => {
      const alice = await createUser(t.http);
      const bob = await createUser(t.http);
      const a1 = await createApiKey(t.http, alice, { name: 'first' });
      const a2 = await createApiKey(t.http, alice, { name: 'second' });
      const b1 = await createApiKey(t.http, bob);
      const a3 = await createApiKey(t.http, alice, { name: 'third' });

      const list = await keysApi(t, alice).listed();
      expect(list.api_keys.map((k) => k.id)).toEqual([a3.id, a2.id, a1.id]);
      expect(list.total).toBe(3);
      expect(list.api_keys.every((k) => k.user_id === alice.id)).toBe(true);
      expect(list.api_keys.map((k) => k.id)).not.toContain(b1.id);
      const created = list.api_keys.map((k) => Date.parse(k.created_at));
      expect([...created].sort((x, y) => y - x)).toEqual(created);
      expect(list.api_keys[0]).toEqual((a3.body as unknown as CreateBody).api_key);
    });

    it('answers an empty list for a user without keys', async () => {
      const user = await createUser(t.http);
      await expect(keysApi(t, user).listed()).resolves.toEqual({ api_keys: [], total: 0 });
    });

    it('refuses ?all=true and ?user_id= to a non-admin with 403 forbidden', async () => {
      const user = await createUser(t.http);
      const other = await createUser(t.http);
      await createApiKey(t.http, other);
      const api = keysApi(t, user);
      expectError(await api.list('?all=true'), 403, 'forbidden');
      expectError(await api.list(`?user_id=${other.id}`), 403, 'forbidden');
    });
  });

  describe('get', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await createUser(t.http);
    });

    it('answers the APIKey as created', async () => {
      const { id, body } = await createApiKey(t.http, user, { description: 'd' });
      await expect(keysApi(t, user).read(id)).resolves.toEqual(
        (body as unknown as CreateBody).api_key,
      );
    });

    it('answers 400 invalid_id for a malformed id on every route', async () => {
      const api = keysApi(t, user);
      expectError(await api.get('not-a-uuid'), 400, 'invalid_id');
      expectError(await api.update('not-a-uuid', { name: 'x' }), 400, 'invalid_id');
      expectError(await api.revoke('not-a-uuid'), 400, 'invalid_id');
      expectError(await api.delete('not-a-uuid'), 400, 'invalid_id');
    });

    it('answers 404 not_found for an unknown id on every route', async () => {
      const api = keysApi(t, user);
      const id = randomUUID();
      expectError(await api.get(id), 404, 'not_found');
      expectError(await api.update(id, { name: 'x' }), 404, 'not_found');
      expectError(await api.revoke(id), 404, 'not_found');
      expectError(await api.delete(id), 404, 'not_found');
    });

    it('answers 401 missing_credentials without a session', async () => {
      const { id } = await createApiKey(t.http, user);
      expectError(await request(t.http).get(`${KEYS}/${id}`), 401, 'missing_credentials');
      expectError(await request(t.http).get(KEYS), 401, 'missing_credentials');
      expectError(
        await request(t.http)
          .post(KEYS)
          .send({ name: 'x', scopes: ['read:users'] }),
        401,
        'missing_credentials',
      );
    });
  });

  describe('update', () => {
    it('changes only the given fields, null clears, and updated_at moves', async () => {
      const user = await createUser(t.http);
      const api = keysApi(t, user);
      const firstExpiry = inDays(30);
      const { id, body } = await createApiKey(t.http, user, {
        name: 'original',
        description: 'd1',
        scopes: ['read:users'],
        rate_limit_per_minute: 50,
        expires_at: firstExpiry,
      });
      const original = (body as unknown as CreateBody).api_key;
      await sleep(20);

      const renamed = (await api.update(id, { name: '  renamed  ' }).expect(200))
        .body as ApiKeyBody;
      expect(renamed).toEqual({
        ...original,
        name: 'renamed',
        updated_at: expect.stringMatching(RFC3339_MS) as unknown,
      });
      expect(Date.parse(renamed.updated_at!)).toBeGreaterThan(Date.parse(original.updated_at!));
      await expect(api.read(id)).resolves.toEqual(renamed);

      const secondExpiry = inDays(60);
      const changed = (
        await api
          .update(id, {
            description: 'd2',
            scopes: ['write:users', 'read:users'],
            rate_limit_per_minute: 200,
            expires_at: secondExpiry,
          })
          .expect(200)
      ).body as ApiKeyBody;
      expect(changed).toMatchObject({
        name: 'renamed',
        description: 'd2',
        scopes: ['write:users', 'read:users'],
        rate_limit_per_minute: 200,
        expires_at: secondExpiry,
        created_at: original.created_at,
      });

      const cleared = (await api.update(id, { description: null, expires_at: null }).expect(200))
        .body as ApiKeyBody;
      expect(cleared).not.toHaveProperty('description');
      expect(cleared).not.toHaveProperty('expires_at');
      expect(cleared).toMatchObject({ name: 'renamed', rate_limit_per_minute: 200 });
      const reread = await api.read(id);
      expect(reread).not.toHaveProperty('description');
      expect(reread).not.toHaveProperty('expires_at');
    });

    it('treats an empty body as no change', async () => {
      const user = await createUser(t.http);
      const { id } = await createApiKey(t.http, user, { description: 'kept' });
      const before = await keysApi(t, user).read(id);
      const res = await keysApi(t, user).update(id, {}).expect(200);
      expect(res.body).toEqual(before);
    });

    it('refuses invalid changes with 400 and leaves the key unchanged', async () => {
      const user = await createUser(t.http);
      const api = keysApi(t, user);
      const { id } = await createApiKey(t.http, user, { description: 'kept' });
      const before = await api.read(id);
      const cases: [Record<string, unknown>, string][] = [
        [{ name: '' }, 'name'],
        [{ name: '   ' }, 'name'],
        [{ name: null }, 'name'],
        [{ name: 'n'.repeat(101) }, 'name'],
        [{ description: 'd'.repeat(501) }, 'description'],
        [{ scopes: [] }, 'scopes'],
        [{ scopes: null }, 'scopes'],
        [{ scopes: ['nope'] }, 'scopes[0]'],
        [{ scopes: ['write:users', 'write:users'] }, 'scopes[1]'],
        [{ rate_limit_per_minute: 0 }, 'rate_limit_per_minute'],
        [{ rate_limit_per_minute: null }, 'rate_limit_per_minute'],
        [{ expires_at: '2020-01-01T00:00:00Z' }, 'expires_at'],
        [{ key_prefix: 'kw_000000000' }, 'key_prefix'],
        [{ revoked_at: inDays(1) }, 'revoked_at'],
      ];
      for (const [body, field] of cases) {
        const error = expectError(await api.update(id, body), 400, 'validation_failed');
        expect({ body, fields: error.details?.map((d) => d.field) }).toEqual({
          body,
          fields: [field],
        });
      }
      await expect(api.read(id)).resolves.toEqual(before);
    });

    it('answers 409 api_key_revoked for a revoked key and keeps it unchanged', async () => {
      const user = await createUser(t.http);
      const api = keysApi(t, user);
      const { id } = await createApiKey(t.http, user, { name: 'frozen' });
      await api.revoke(id).expect(200);
      const before = await api.read(id);
      expectError(await api.update(id, { name: 'thawed' }), 409, 'api_key_revoked');
      expectError(await api.update(id, { expires_at: null }), 409, 'api_key_revoked');
      await expect(api.read(id)).resolves.toEqual(before);
    });
  });

  describe('revoke', () => {
    it('sets revoked_at once, is idempotent, keeps the row and stops the key', async () => {
      const user = await createUser(t.http);
      const api = keysApi(t, user);
      const { id, key } = await createApiKey(t.http, user);
      await whoAmI(t, key).expect(200);

      const first = await api.revoke(id).expect(200);
      expect(first.body).toEqual({ message: expect.any(String) as unknown });
      const revoked = await api.read(id);
      expect(revoked.revoked_at).toMatch(RFC3339_MS);
      expect(Math.abs(Date.parse(revoked.revoked_at!) - Date.now())).toBeLessThan(10_000);

      await sleep(20);
      const again = await request(t.http)
        .post(`${KEYS}/${id}/revoke`)
        .set(...bearer(user.accessToken))
        .send({})
        .expect(200);
      expect(again.body).toEqual({ message: expect.any(String) as unknown });
      expect((await api.read(id)).revoked_at).toBe(revoked.revoked_at);

      expectError(await whoAmI(t, key), 401, 'api_key_revoked');
      expectError(
        await request(t.http)
          .get(`${API}/auth/user`)
          .set(...bearer(key)),
        401,
        'api_key_revoked',
      );

      const list = await api.listed();
      expect(list.api_keys.find((k) => k.id === id)).toMatchObject({
        revoked_at: revoked.revoked_at,
      });
      expect(list.total).toBe(1);
    });
  });

  describe('delete', () => {
    it('removes the key: 404 afterwards, and the key no longer authenticates', async () => {
      const user = await createUser(t.http);
      const api = keysApi(t, user);
      const { id, key } = await createApiKey(t.http, user);
      const kept = await createApiKey(t.http, user);
      await whoAmI(t, key).expect(200);

      const res = await api.delete(id).expect(200);
      expect(res.body).toEqual({ message: expect.any(String) as unknown });
      expectError(await api.get(id), 404, 'not_found');
      expectError(await api.delete(id), 404, 'not_found');
      expectError(await whoAmI(t, key), 401, 'invalid_api_key');
      await expect(countKeys(t, user.id)).resolves.toBe(1);
      const list = await api.listed();
      expect(list.api_keys.map((k) => k.id)).toEqual([kept.id]);
      await whoAmI(t, kept.key).expect(200);
    });
  });

  describe('ownership', () => {
    it("hides a user's key from another user: 404 on every route, nothing changes", async () => {
      const alice = await createUser(t.http);
      const bob = await createUser(t.http);
      const { id, key } = await createApiKey(t.http, alice, { name: "alice's" });
      await createApiKey(t.http, bob);
      const before = await keysApi(t, alice).read(id);
      const asBob = keysApi(t, bob);

      expectError(await asBob.get(id), 404, 'not_found');
      expectError(await asBob.update(id, { name: 'stolen' }), 404, 'not_found');
      expectError(await asBob.revoke(id), 404, 'not_found');
      expectError(await asBob.delete(id), 404, 'not_found');

      await expect(keysApi(t, alice).read(id)).resolves.toEqual(before);
      await whoAmI(t, key).expect(200);
      const bobs = await asBob.listed();
      expect(bobs.total).toBe(1);
      expect(bobs.api_keys.map((k) => k.id)).not.toContain(id);
    });
  });

  describe('keys as credentials', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await createUser(t.http);
    });

    it('authenticates a read:users key on GET /auth/user by X-API-Key and by Bearer', async () => {
      const { key } = await createApiKey(t.http, user, { scopes: ['read:users'] });
      const viaHeader = await whoAmI(t, key).expect(200);
      expect(viaHeader.body).toMatchObject({ id: user.id, email: user.email });
      const viaBearer = await request(t.http)
        .get(`${API}/auth/user`)
        .set(...bearer(key))
        .expect(200);
      expect(viaBearer.body).toMatchObject({ id: user.id, email: user.email });
    });

    it('refuses a key without read:users with 403 insufficient_scope, and applies scope changes', async () => {
      const { id, key } = await createApiKey(t.http, user, { scopes: ['write:users'] });
      expectError(await whoAmI(t, key), 403, 'insufficient_scope');
      await keysApi(t, user)
        .update(id, { scopes: ['read:users'] })
        .expect(200);
      await whoAmI(t, key).expect(200);
      await keysApi(t, user)
        .update(id, { scopes: ['verify:api-keys'] })
        .expect(200);
      expectError(await whoAmI(t, key), 403, 'insufficient_scope');
    });

    it('refuses a key on every management endpoint with 403 user_session_required', async () => {
      const target = await createApiKey(t.http, user, { name: 'target' });
      const { key } = await createApiKey(t.http, user, {
        scopes: ['read:users', 'write:users', 'verify:api-keys'],
      });
      const before = await keysApi(t, user).read(target.id);
      const count = await countKeys(t, user.id);
      const calls = [
        request(t.http).get(KEYS),
        request(t.http)
          .post(KEYS)
          .send({ name: 'minted', scopes: ['read:users'] }),
        request(t.http).get(`${KEYS}/${target.id}`),
        request(t.http).patch(`${KEYS}/${target.id}`).send({ name: 'changed' }),
        request(t.http).post(`${KEYS}/${target.id}/revoke`),
        request(t.http).delete(`${KEYS}/${target.id}`),
      ];
      for (const call of calls) {
        expectError(await call.set('X-API-Key', key), 403, 'user_session_required');
      }
      expectError(
        await request(t.http)
          .post(KEYS)
          .set(...bearer(key))
          .send({ name: 'minted', scopes: ['read:users'] }),
        403,
        'user_session_required',
      );
      await expect(keysApi(t, user).read(target.id)).resolves.toEqual(before);
      await expect(countKeys(t, user.id)).resolves.toBe(count);
    });

    it('refuses malformed, mistyped and unknown keys with 401 invalid_api_key', async () => {
      const { key } = await createApiKey(t.http, user);
      const last = key.at(-1);
      const flipped = key.slice(0, -1) + (last === 'a' ? 'b' : 'a');
      for (const bad of ['kw_abc', flipped, key.slice(0, -1), generateApiKey()]) {
        expectError(await whoAmI(t, bad), 401, 'invalid_api_key');
        expectError(
          await request(t.http)
            .get(`${API}/auth/user`)
            .set(...bearer(bad)),
          401,
          'invalid_api_key',
        );
      }
      await whoAmI(t, key).expect(200);
    });

    it('refuses an expired key with 401 api_key_expired, also after a PATCH moved its expiry', async () => {
      const expiresAt = new Date(Date.now() + 1_500).toISOString();
      const born = await createApiKey(t.http, user, { expires_at: expiresAt });
      const moved = await createApiKey(t.http, user);
      // Both keys are used (and so possibly cached) before their expiry is reached.
      await whoAmI(t, born.key).expect(200);
      await whoAmI(t, moved.key).expect(200);
      await keysApi(t, user).update(moved.id, { expires_at: expiresAt }).expect(200);
      await whoAmI(t, moved.key).expect(200);

      await sleep(Math.max(0, Date.parse(expiresAt) - Date.now()) + 100);
      expectError(await whoAmI(t, born.key), 401, 'api_key_expired');
      expectError(await whoAmI(t, moved.key), 401, 'api_key_expired');
      // An expired key is still shown to its owner, with its expiry.
      expect((await keysApi(t, user).read(born.id)).expires_at).toBe(expiresAt);
    });

    it('refuses an expired key stored in the database with 401 api_key_expired', async () => {
      const { id, key } = await createApiKey(t.http, user, { expires_at: inDays(1) });
      // Moved into the past behind the API's back, before the key is ever presented (a key
      // already seen may be cached until KEY_CACHE_TTL_MS; out-of-band writes do not evict).
      await t.dataSource.query(
        "UPDATE api_keys SET expires_at = now() - interval '1 minute' WHERE id = $1",
        [id],
      );
      expectError(await whoAmI(t, key), 401, 'api_key_expired');
    });

    it('refuses the key of a deleted user with 401 invalid_api_key', async () => {
      const doomed = await createUser(t.http);
      const { key } = await createApiKey(t.http, doomed);
      await expect(countKeys(t, doomed.id)).resolves.toBe(1);
      await t.dataSource.query('DELETE FROM users WHERE id = $1', [doomed.id]);
      expectError(await whoAmI(t, key), 401, 'invalid_api_key');
    });
  });

  describe('storage', () => {
    it('keeps only an HMAC of the key: 64 hex chars, and no column holds the plaintext', async () => {
      const user = await createUser(t.http);
      const { id, key } = await createApiKey(t.http, user, { description: 'stored' });
      const [row] = await t.dataSource.query<{ key_hash: string; key_prefix: string }[]>(
        'SELECT key_hash, key_prefix FROM api_keys WHERE id = $1',
        [id],
      );
      expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.key_hash).not.toBe(key);
      expect(row.key_prefix).toBe(key.slice(0, 12));
      // Peppered: a plain SHA-256 of the key (what a stolen table could be tested against) is not stored.
      expect(row.key_hash).not.toBe(createHash('sha256').update(key).digest('hex'));
      expect(row.key_hash).toBe(
        createHmac('sha256', TEST_SECRETS.KEY_PEPPER).update(key).digest('hex'),
      );

      const [{ text }] = await t.dataSource.query<{ text: string }[]>(
        'SELECT row_to_json(k)::text AS text FROM api_keys k WHERE id = $1',
        [id],
      );
      expect(text).toContain(id);
      expect(text).not.toContain(key);
      expect(text).not.toContain(key.slice(12));
    });

    it('never writes a key into the logs', async () => {
      const user = await createUser(t.http);
      const { key } = await createApiKey(t.http, user);
      await whoAmI(t, key).expect(200);
      await request(t.http)
        .get(`${API}/auth/user`)
        .set(...bearer(key))
        .expect(200);
      await whoAmI(t, key.slice(0, -1)).expect(401);
      const logs = t.logs.join('\n');
      expect(logs).toContain(`${API}/auth/user`);
      expect(logs).not.toContain(key.slice(12, -1));
    });
  });
});

describe('API keys (e2e), admin listing', () => {
  let admin: TestApp;
  let root: TestUser;
  beforeAll(async () => {
    const email = uniqueEmail('admin');
    const password = 'admin passphrase long enough';
    admin = await startTestApp({ ADMIN_EMAIL: email, ADMIN_PASSWORD: password });
    root = await signIn(admin.http, email, password);
  });
  afterAll(() => admin.close());

  it("lists one user's keys with ?user_id= and everyone's with ?all=true", async () => {
    const alice = await createUser(admin.http);
    const bob = await createUser(admin.http);
    const a1 = await createApiKey(admin.http, alice);
    const a2 = await createApiKey(admin.http, alice);
    const b1 = await createApiKey(admin.http, bob);
    const api = keysApi(admin, root);

    const ofAlice = await api.listed(`?user_id=${alice.id}`);
    expect(ofAlice.api_keys.map((k) => k.id)).toEqual([a2.id, a1.id]);
    expect(ofAlice.total).toBe(2);

    const all = await api.listed('?all=true');
    const ids = all.api_keys.map((k) => k.id);
    expect(ids).toEqual(expect.arrayContaining([a1.id, a2.id, b1.id]));
    expect(new Set(all.api_keys.map((k) => k.user_id)).size).toBeGreaterThanOrEqual(2);
    expect(all.total).toBeGreaterThanOrEqual(3);

    // Without a filter even an admin sees only its own keys.
    const own = await api.listed();
    expect(own.api_keys.every((k) => k.user_id === root.id)).toBe(true);
    expect(own.api_keys.map((k) => k.id)).not.toContain(a1.id);
  });

  it("reads another user's key", async () => {
    const alice = await createUser(admin.http);
    const { id, body } = await createApiKey(admin.http, alice);
    await expect(keysApi(admin, root).read(id)).resolves.toEqual(
      (body as unknown as CreateBody).api_key,
    );
  });

  it('refuses a malformed user_id with 400', async () => {
    expectError(await keysApi(admin, root).list('?user_id=nope'), 400, 'validation_failed');
  });
});

describe('API keys (e2e), key limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp({ MAX_KEYS_PER_USER: '2' });
  });
  afterAll(() => limited.close());

  it('refuses a key past the limit with 409, and counts only unrevoked keys', async () => {
    const user = await createUser(limited.http);
    const api = keysApi(limited, user);
    const first = await createApiKey(limited.http, user);
    const second = await createApiKey(limited.http, user);
    expectError(
      await api.create({ name: 'third', scopes: ['read:users'] }),
      409,
      'key_limit_reached',
    );
    await expect(countKeys(limited, user.id)).resolves.toBe(2);

    await api.revoke(first.id).expect(200);
    await createApiKey(limited.http, user, { name: 'after revoke' });
    expectError(
      await api.create({ name: 'fourth', scopes: ['read:users'] }),
      409,
      'key_limit_reached',
    );

    await api.delete(second.id).expect(200);
    await createApiKey(limited.http, user, { name: 'after delete' });
  });

  it('never exceeds the limit under concurrent creates', async () => {
    const user = await createUser(limited.http);
    const api = keysApi(limited, user);
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        api.create({ name: `race ${i}`, scopes: ['read:users'] }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 409, 409, 409]);
    for (const r of answers.filter((a) => a.status === 409)) {
      expectError(r, 409, 'key_limit_reached');
    }
    await expect(countKeys(limited, user.id)).resolves.toBe(2);
  });
});

describe('API keys (e2e), last_used_at', () => {
  let fast: TestApp;
  beforeAll(async () => {
    fast = await startTestApp({ LAST_USED_FLUSH_MS: '200' });
  });
  afterAll(() => fast.close());

  it('is written shortly after the key is used', async () => {
    const user = await createUser(fast.http);
    const api = keysApi(fast, user);
    const { id, key } = await createApiKey(fast.http, user);
    await sleep(400);
    expect(await api.read(id)).not.toHaveProperty('last_used_at');

    const usedFrom = Date.now();
    await whoAmI(fast, key).expect(200);
    await sleep(600);
    const { last_used_at } = await api.read(id);
    expect(last_used_at).toMatch(RFC3339_MS);
    const usedAt = Date.parse(last_used_at!);
    expect(usedAt).toBeGreaterThanOrEqual(usedFrom - 1);
    expect(usedAt).toBeLessThanOrEqual(Date.now());
  });
});
