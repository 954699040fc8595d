import { randomBytes } from 'node:crypto';
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
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { insertKeys, listKeys, walk, type ListBody } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ MAX_KEYS_PER_USER: '1000' });
});
afterAll(() => t.close());

const page = async (user: TestUser, query: string): Promise<ListBody> =>
  (await listKeys(t, user, query).expect(200)).body as ListBody;

describe('GET /api-keys: pages', () => {
  it('pages newest first, counts every key in total, and has no next_cursor on the last page', async () => {
    const user = await createUser(t.http);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await createApiKey(t.http, user)).id);
    const newestFirst = [...ids].reverse();

    const first = await page(user, '?limit=3');
    expect(first.api_keys.map((k) => k.id)).toEqual(newestFirst.slice(0, 3));
    expect(first.total).toBe(7);
    expect(typeof first.next_cursor).toBe('string');

    const { ids: walked, pages } = await walk(t, user, '?limit=3');
    expect(walked).toEqual(newestFirst);
    expect(pages.map((p) => p.api_keys.length)).toEqual([3, 3, 1]);
    expect(pages.every((p) => p.total === 7)).toBe(true);
    expect(pages[2]).not.toHaveProperty('next_cursor');
  });

  it('answers 100 keys by default, with total above the page when there are more', async () => {
    const user = await createUser(t.http);
    await insertKeys(t.dataSource, user.id, 105);
    const first = await page(user, '');
    expect(first.api_keys).toHaveLength(100);
    expect(first.total).toBe(105);
    const { ids } = await walk(t, user, '');
    expect(new Set(ids).size).toBe(105);
  });

  it('splits keys created in the same microsecond between pages without loss or repeats', async () => {
    const user = await createUser(t.http);
    const same = await insertKeys(t.dataSource, user.id, 12, {
      createdAt: '2026-01-01T00:00:00.123456Z',
    });
    const { ids, pages } = await walk(t, user, '?limit=5');
    expect(pages).toHaveLength(3);
    expect([...ids].sort()).toEqual([...same].sort());
    // The tie-break is the id, descending.
    expect(ids).toEqual([...same].sort().reverse());
  });

  it('sees every key that existed when a walk started exactly once while keys are being created', async () => {
    const user = await createUser(t.http);
    const before = await insertKeys(t.dataSource, user.id, 40);
    const creating: Promise<string>[] = [];
    const { ids } = await walk(t, user, '?limit=6', () => {
      // Two creates through the API in flight while the next page is read.
      for (let i = 0; i < 2; i++) creating.push(createApiKey(t.http, user).then((k) => k.id));
      return Promise.resolve();
    });
    const created = await Promise.all(creating);
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const id of before) expect({ id, seen: counts.get(id) }).toEqual({ id, seen: 1 });
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect((await page(user, '?limit=1')).total).toBe(40 + created.length);
  });
});

describe('GET /api-keys: filters', () => {
  let user: TestUser;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    user = await createUser(t.http);
    ids.active = (await createApiKey(t.http, user, { name: 'Billing worker' })).id;
    ids.writer = (
      await createApiKey(t.http, user, { name: 'Nightly export', scopes: ['write:users'] })
    ).id;
    ids.revoked = (await createApiKey(t.http, user, { name: 'Old billing' })).id;
    await request(t.http)
      .post(`${API}/api-keys/${ids.revoked}/revoke`)
      .set(...bearer(user.accessToken))
      .expect(200);
    ids.expired = (await createApiKey(t.http, user, { name: 'temp_100%' })).id;
    await t.dataSource.query(
      `UPDATE api_keys SET expires_at = now() - interval '1 hour' WHERE id = $1`,
      [ids.expired],
    );
  });

  const listed = async (query: string): Promise<{ ids: string[]; total: number }> => {
    const body = await page(user, query);
    return { ids: body.api_keys.map((k) => k.id), total: body.total };
  };

  it('status narrows to active, revoked or expired keys; all (the default) keeps every one', async () => {
    await expect(listed('?status=active')).resolves.toEqual({
      ids: [ids.writer, ids.active],
      total: 2,
    });
    await expect(listed('?status=revoked')).resolves.toEqual({ ids: [ids.revoked], total: 1 });
    await expect(listed('?status=expired')).resolves.toEqual({ ids: [ids.expired], total: 1 });
    await expect(listed('?status=all')).resolves.toEqual(await listed(''));
    expect((await listed('')).total).toBe(4);
  });

  it('scope keeps keys holding that scope', async () => {
    await expect(listed('?scope=write:users')).resolves.toEqual({ ids: [ids.writer], total: 1 });
    await expect(listed('?scope=verify:api-keys')).resolves.toEqual({ ids: [], total: 0 });
  });

  it('q matches a case-insensitive substring of the name, or the start of key_prefix', async () => {
    await expect(listed('?q=BILLING')).resolves.toEqual({
      ids: [ids.revoked, ids.active],
      total: 2,
    });
    const prefix = (
      await request(t.http)
        .get(`${API}/api-keys/${ids.writer}`)
        .set(...bearer(user.accessToken))
        .expect(200)
    ).body as { key_prefix: string };
    await expect(
      listed(`?q=${encodeURIComponent(prefix.key_prefix.slice(0, 9))}`),
    ).resolves.toEqual({
      ids: [ids.writer],
      total: 1,
    });
    // Not a substring match on the prefix, and LIKE's wildcards are plain characters.
    await expect(listed(`?q=${prefix.key_prefix.slice(3, 9)}`)).resolves.toEqual({
      ids: [],
      total: 0,
    });
    await expect(listed('?q=%25')).resolves.toEqual({ ids: [ids.expired], total: 1 });
    await expect(listed('?q=p_1')).resolves.toEqual({ ids: [ids.expired], total: 1 });
  });

  it('combines filters, and total counts the whole filtered set, not the page', async () => {
    await expect(listed('?q=billing&status=active')).resolves.toEqual({
      ids: [ids.active],
      total: 1,
    });
    const paged = await page(user, '?status=all&limit=1&scope=read:users');
    expect(paged.api_keys).toHaveLength(1);
    expect(paged.total).toBe(3);
    const walked = await walk(t, user, '?scope=read:users&limit=2');
    expect(walked.ids).toEqual([ids.expired, ids.revoked, ids.active]);
  });

  it('refuses bad parameters with 400 validation_failed naming each', async () => {
    for (const [query, field] of [
      ['?limit=0', 'limit'],
      ['?limit=501', 'limit'],
      ['?limit=ten', 'limit'],
      ['?limit=1.5', 'limit'],
      ['?status=deleted', 'status'],
      ['?scope=read:everything', 'scope'],
      ['?q=', 'q'],
      [`?q=${'x'.repeat(101)}`, 'q'],
      ['?sort=name', 'sort'],
    ]) {
      const body = expectError(await listKeys(t, user, query), 400, 'validation_failed');
      expect({ query, fields: body.details?.map((d) => d.field) }).toEqual({
        query,
        fields: [field],
      });
    }
    await listKeys(t, user, '?limit=500').expect(200);
    await listKeys(t, user, '?limit=1').expect(200);
  });
});

describe('GET /api-keys: cursors', () => {
  it('refuses a cursor that is not one of ours with 400 invalid_cursor', async () => {
    const user = await createUser(t.http);
    await insertKeys(t.dataSource, user.id, 3);
    const { next_cursor: cursor } = await page(user, '?limit=1');
    expect(cursor).toBeDefined();
    const [body, mac] = cursor!.split('.');
    const forgedBody = Buffer.from(
      JSON.stringify({
        t: '2999-01-01T00:00:00.000000Z',
        i: '00000000-0000-4000-8000-000000000000',
      }),
    ).toString('base64url');
    const flipped = `${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
    // The same bytes in base64url, spelled differently (the last character's unused low bits).
    const last = mac.slice(-1);
    const respelled = `${mac.slice(0, -1)}${last === 'A' ? 'B' : String.fromCharCode(last.charCodeAt(0) ^ 1)}`;
    for (const bad of [
      'not-a-cursor',
      body,
      `${forgedBody}.${mac}`,
      `${body}.${flipped}`,
      `${body}.${respelled}`,
      `${body}.${mac}.x`,
      `${cursor}x`,
      '.',
      '',
      `${cursor}${'x'.repeat(200)}`,
    ]) {
      const res = await listKeys(t, user, `?cursor=${encodeURIComponent(bad)}`);
      expect({ bad, ...expectError(res, 400, 'invalid_cursor') }).toMatchObject({ bad });
    }
    // Ours, still good.
    await listKeys(t, user, `?limit=1&cursor=${encodeURIComponent(cursor!)}`).expect(200);
  });

  it('refuses a cursor from another deployment (another secret)', async () => {
    const other = await startTestApp({
      KEY_PEPPER: 'another pepper, long enough to be accepted ok',
    });
    try {
      const user = await createUser(t.http);
      await insertKeys(t.dataSource, user.id, 2);
      const theirs = ((await listKeys(other, user, '?limit=1').expect(200)).body as ListBody)
        .next_cursor!;
      expectError(
        await listKeys(t, user, `?cursor=${encodeURIComponent(theirs)}`),
        400,
        'invalid_cursor',
      );
    } finally {
      await other.close();
    }
  });
});

describe('GET /api-keys: admin', () => {
  let admin: TestApp;
  let root: TestUser;
  beforeAll(async () => {
    const email = uniqueEmail('admin');
    const password = 'admin passphrase long enough';
    admin = await startTestApp({ ADMIN_EMAIL: email, ADMIN_PASSWORD: password });
    root = await signIn(admin.http, email, password);
  });
  afterAll(() => admin.close());

  it("narrows all=true to one user's keys with user_id, with filters and pages", async () => {
    const alice = await createUser(admin.http);
    const bob = await createUser(admin.http);
    // Other suites share the database: a name no other key can hold.
    const alpha = `alpha-${randomBytes(4).toString('hex')}`;
    const a = [
      (await createApiKey(admin.http, alice, { name: `${alpha} one` })).id,
      (await createApiKey(admin.http, alice, { name: `${alpha} two` })).id,
      (await createApiKey(admin.http, alice, { name: 'beta' })).id,
    ];
    await createApiKey(admin.http, bob, { name: `${alpha} of bob` });

    const ofAlice = await walk(admin, root, `?all=true&user_id=${alice.id}&limit=2`);
    expect(ofAlice.ids).toEqual([...a].reverse());
    expect(ofAlice.pages[0].total).toBe(3);

    const filtered = (
      await listKeys(admin, root, `?all=true&user_id=${alice.id}&q=${alpha}`).expect(200)
    ).body as ListBody;
    expect(filtered.api_keys.map((k) => k.id)).toEqual([a[1], a[0]]);
    expect(filtered.total).toBe(2);

    const everyone = (await listKeys(admin, root, `?all=true&q=${alpha}`).expect(200))
      .body as ListBody;
    expect(new Set(everyone.api_keys.map((k) => k.user_id))).toEqual(new Set([alice.id, bob.id]));

    const nobody = (
      await listKeys(admin, root, `?all=true&user_id=00000000-0000-4000-8000-000000000000`).expect(
        200,
      )
    ).body as ListBody;
    expect(nobody).toEqual({ api_keys: [], total: 0 });
  });

  it("refuses a non-admin's user_id, also with all=true, with 403 forbidden", async () => {
    const alice = await createUser(admin.http);
    const bob = await createUser(admin.http);
    await createApiKey(admin.http, bob);
    expectError(await listKeys(admin, alice, `?all=true&user_id=${bob.id}`), 403, 'forbidden');
    expectError(await listKeys(admin, alice, `?user_id=${bob.id}`), 403, 'forbidden');
  });
});
