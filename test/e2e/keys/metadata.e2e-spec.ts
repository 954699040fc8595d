import request from 'supertest';
import { expectError } from '../../helpers/contract';
import { API, bearer, createUser, type TestUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { listKeys, type KeyBody, type ListBody } from './helpers';

let t: TestApp;
let user: TestUser;
beforeAll(async () => {
  t = await startTestApp();
  user = await createUser(t.http);
});
afterAll(() => t.close());

const create = (body: object): request.Test =>
  request(t.http)
    .post(`${API}/api-keys`)
    .set(...bearer(user.accessToken))
    .send({ name: 'with metadata', scopes: ['read:users'], ...body });
const patch = (id: string, body: object): request.Test =>
  request(t.http)
    .patch(`${API}/api-keys/${id}`)
    .set(...bearer(user.accessToken))
    .send(body);
const get = async (id: string): Promise<KeyBody> =>
  (
    await request(t.http)
      .get(`${API}/api-keys/${id}`)
      .set(...bearer(user.accessToken))
      .expect(200)
  ).body as KeyBody;

/** A JSON object of exactly `bytes` bytes serialized. */
const ofSize = (bytes: number): Record<string, string> => {
  const overhead = JSON.stringify({ pad: '' }).length;
  return { pad: 'x'.repeat(bytes - overhead) };
};

describe('API key metadata', () => {
  it('is stored at creation and returned by create, get and list', async () => {
    const metadata = { team: 'payments', tier: 2, tags: ['a', 'b'], nested: { ok: true } };
    const res = await create({ metadata }).expect(201);
    const created = (res.body as { api_key: KeyBody }).api_key;
    expect(created.metadata).toEqual(metadata);
    expect((await get(created.id)).metadata).toEqual(metadata);
    const listed = (await listKeys(t, user).expect(200)).body as ListBody;
    expect(listed.api_keys.find((k) => k.id === created.id)?.metadata).toEqual(metadata);
  });

  it('is omitted when empty', async () => {
    const none = ((await create({}).expect(201)).body as { api_key: KeyBody }).api_key;
    expect(none).not.toHaveProperty('metadata');
    const empty = ((await create({ metadata: {} }).expect(201)).body as { api_key: KeyBody })
      .api_key;
    expect(empty).not.toHaveProperty('metadata');
    expect(await get(empty.id)).not.toHaveProperty('metadata');
  });

  it('accepts 4096 bytes of JSON and refuses more with 400 validation_failed', async () => {
    await create({ metadata: ofSize(4096) }).expect(201);
    // Bytes, not characters: 2-byte characters count twice.
    const wide = { pad: '\u00e9'.repeat(2100) };
    for (const metadata of [ofSize(4097), wide]) {
      const body = expectError(await create({ metadata }), 400, 'validation_failed');
      expect(body.details).toEqual([
        { field: 'metadata', problem: expect.stringContaining('4096 bytes') as unknown },
      ]);
    }
    const { api_key } = (await create({}).expect(201)).body as { api_key: KeyBody };
    const body = expectError(
      await patch(api_key.id, { metadata: ofSize(5000) }),
      400,
      'validation_failed',
    );
    expect(body.details?.map((d) => d.field)).toEqual(['metadata']);
    expect(await get(api_key.id)).not.toHaveProperty('metadata');
  });

  it('refuses anything but a JSON object with 400 validation_failed', async () => {
    for (const metadata of [[1, 2], 'text', 42, true, null]) {
      const body = expectError(await create({ metadata }), 400, 'validation_failed');
      expect({ metadata, fields: body.details?.map((d) => d.field) }).toEqual({
        metadata,
        fields: ['metadata'],
      });
    }
    const { api_key } = (await create({}).expect(201)).body as { api_key: KeyBody };
    for (const metadata of [['x'], 'text', 7]) {
      expectError(await patch(api_key.id, { metadata }), 400, 'validation_failed');
    }
  });

  it('PATCH replaces it whole, leaves it when omitted, and clears it with null', async () => {
    const { api_key } = (await create({ metadata: { a: 1, b: { c: 2 } } }).expect(201)).body as {
      api_key: KeyBody;
    };
    const replaced = (await patch(api_key.id, { metadata: { b: { d: 3 } } }).expect(200))
      .body as KeyBody;
    expect(replaced.metadata).toEqual({ b: { d: 3 } });

    const renamed = (await patch(api_key.id, { name: 'renamed' }).expect(200)).body as KeyBody;
    expect(renamed.metadata).toEqual({ b: { d: 3 } });

    const cleared = (await patch(api_key.id, { metadata: null }).expect(200)).body as KeyBody;
    expect(cleared).not.toHaveProperty('metadata');
    expect(await get(api_key.id)).not.toHaveProperty('metadata');
    const rows: { metadata: unknown }[] = await t.dataSource.query(
      'SELECT metadata FROM api_keys WHERE id = $1',
      [api_key.id],
    );
    expect(rows[0].metadata).toEqual({});
  });

  it('keeps keys named like Object.prototype members', async () => {
    const metadata = { valueOf: 'v', nested: { toString: 't', hasOwnProperty: 'h' } };
    const res = await create({ metadata }).expect(201);
    expect((res.body as { api_key: KeyBody }).api_key.metadata).toEqual(metadata);
  });
});
