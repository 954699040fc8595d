import request from 'supertest';
import { expectError } from '../../helpers/contract';
import {
  API,
  createApiKey,
  createUser,
  STRONG_PASSWORD,
  uniqueEmail,
  type TestUser,
} from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import type { KeyBody } from './helpers';

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await startTestApp();
  user = await createUser(t.http);
});
afterAll(() => t.close());

const as = (who: Pick<TestUser, 'accessToken'>) => {
  const auth = ['Authorization', `Bearer ${who.accessToken}`] as const;
  return {
    get: (path: string) =>
      request(t.http)
        .get(`${API}${path}`)
        .set(...auth),
    post: (path: string, body?: object) => {
      const req = request(t.http)
        .post(`${API}${path}`)
        .set(...auth);
      return body ? req.send(body) : req;
    },
    patch: (path: string, body: object) =>
      request(t.http)
        .patch(`${API}${path}`)
        .set(...auth)
        .send(body),
    delete: (path: string) =>
      request(t.http)
        .delete(`${API}${path}`)
        .set(...auth),
  };
};

describe('/client-keys: the same resource as /api-keys', () => {
  it('creates through /client-keys ({ client_key, key }) a key that /api-keys reads and revokes', async () => {
    const api = as(user);
    const res = await api
      .post('/client-keys', { name: 'SDK key', scopes: ['read:users'], metadata: { via: 'sdk' } })
      .expect(201);
    const { client_key, key } = res.body as { client_key: KeyBody; key: string };
    expect(Object.keys(res.body as object).sort()).toEqual(['client_key', 'key']);
    expect(key.startsWith(client_key.key_prefix)).toBe(true);
    expect(client_key.metadata).toEqual({ via: 'sdk' });

    const viaApiKeys = (await api.get(`/api-keys/${client_key.id}`).expect(200)).body as KeyBody;
    expect(viaApiKeys).toEqual(client_key);

    await api.post(`/api-keys/${client_key.id}/revoke`).expect(200);
    const revoked = (await api.get(`/client-keys/${client_key.id}`).expect(200)).body as KeyBody;
    expect(revoked.revoked_at).toEqual(expect.any(String));
    // The key itself is dead, whichever path revoked it.
    await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key).expect(401);
  });

  it('updates, revokes and deletes through /client-keys a key made through /api-keys', async () => {
    const api = as(user);
    const made = await createApiKey(t.http, user, { name: 'made via api-keys' });
    const updated = (
      await api.patch(`/client-keys/${made.id}`, { name: 'renamed via client-keys' }).expect(200)
    ).body as KeyBody;
    expect(updated.name).toBe('renamed via client-keys');
    expect(((await api.get(`/api-keys/${made.id}`).expect(200)).body as KeyBody).name).toBe(
      'renamed via client-keys',
    );
    await expect(api.post(`/client-keys/${made.id}/revoke`).expect(200)).resolves.toMatchObject({
      body: { message: 'API key revoked' },
    });
    expectError(await api.patch(`/api-keys/${made.id}`, { name: 'again' }), 409, 'api_key_revoked');
    await api.delete(`/client-keys/${made.id}`).expect(200);
    expectError(await api.get(`/api-keys/${made.id}`), 404, 'not_found');
  });

  it('lists as { client_keys, total, next_cursor? } with the same filters and cursors', async () => {
    const owner = await createUser(t.http);
    const api = as(owner);
    const ids = [];
    for (const name of ['one', 'two', 'three'])
      ids.push((await createApiKey(t.http, owner, { name })).id);
    const first = (await api.get('/client-keys?limit=2').expect(200)).body as {
      client_keys: KeyBody[];
      total: number;
      next_cursor: string;
    };
    expect(Object.keys(first).sort()).toEqual(['client_keys', 'next_cursor', 'total']);
    expect(first.client_keys.map((k) => k.id)).toEqual([ids[2], ids[1]]);
    expect(first.total).toBe(3);
    // A cursor from one path works on the other: one listing.
    const rest = (
      await api.get(`/api-keys?limit=2&cursor=${encodeURIComponent(first.next_cursor)}`).expect(200)
    ).body as { api_keys: KeyBody[]; total: number };
    expect(rest).toEqual({
      api_keys: [expect.objectContaining({ id: ids[0] }) as unknown],
      total: 3,
    });
    const filtered = (await api.get('/client-keys?q=TW').expect(200)).body as {
      client_keys: KeyBody[];
      total: number;
    };
    expect(filtered).toEqual({
      client_keys: [expect.objectContaining({ id: ids[1] }) as unknown],
      total: 1,
    });
    expectError(await api.get('/client-keys?cursor=nope'), 400, 'invalid_cursor');
    expectError(await api.get('/client-keys?limit=0'), 400, 'validation_failed');
  });

  it('answers errors as /api-keys does', async () => {
    const other = await createUser(t.http);
    const mine = await createApiKey(t.http, user);
    expectError(await as(other).get(`/client-keys/${mine.id}`), 404, 'not_found');
    expectError(await as(other).post(`/client-keys/${mine.id}/revoke`), 404, 'not_found');
    expectError(await as(user).get('/client-keys/not-a-uuid'), 400, 'invalid_id');
    expectError(
      await as(user).post('/client-keys', { name: 'x', scopes: [] }),
      400,
      'validation_failed',
    );
    expectError(await request(t.http).get(`${API}/client-keys`), 401, 'missing_credentials');
  });

  it('refuses API keys with 403 user_session_required on every /client-keys route', async () => {
    const { id, key } = await createApiKey(t.http, user, {
      scopes: ['read:users', 'write:users', 'verify:api-keys'],
    });
    const keyed = (req: request.Test) => req.set('X-API-Key', key);
    const r = request(t.http);
    for (const req of [
      r.post(`${API}/client-keys`).send({ name: 'x', scopes: ['read:users'] }),
      r.get(`${API}/client-keys`),
      r.get(`${API}/client-keys/${id}`),
      r.patch(`${API}/client-keys/${id}`).send({ name: 'x' }),
      r.post(`${API}/client-keys/${id}/revoke`),
      r.delete(`${API}/client-keys/${id}`),
    ]) {
      expectError(await keyed(req), 403, 'user_session_required');
    }
  });
});

describe('POST /auth/signup: user_metadata', () => {
  const signUp = (body: object) =>
    request(t.http)
      .post(`${API}/auth/signup`)
      .send({ email: uniqueEmail('meta'), password: STRONG_PASSWORD, ...body });

  it('stores user_metadata as the user metadata', async () => {
    const res = await signUp({ user_metadata: { plan: 'pro' } }).expect(201);
    expect((res.body as { user: { metadata: unknown } }).user.metadata).toEqual({ plan: 'pro' });
    const token = (res.body as { access_token: string }).access_token;
    const me = await request(t.http)
      .get(`${API}/auth/user`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect((me.body as { metadata: unknown }).metadata).toEqual({ plan: 'pro' });
  });

  it('refuses metadata and user_metadata together with 400 validation_failed, creating nobody', async () => {
    const email = uniqueEmail('both');
    const res = await request(t.http)
      .post(`${API}/auth/signup`)
      .send({ email, password: STRONG_PASSWORD, metadata: { a: 1 }, user_metadata: { a: 1 } });
    const body = expectError(res, 400, 'validation_failed');
    expect(body.details).toEqual([
      { field: 'user_metadata', problem: expect.any(String) as unknown },
    ]);
    const rows: unknown[] = await t.dataSource.query('SELECT 1 FROM users WHERE email = $1', [
      email,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('refuses a user_metadata that is not an object', async () => {
    expectError(await signUp({ user_metadata: ['x'] }), 400, 'validation_failed');
  });
});
