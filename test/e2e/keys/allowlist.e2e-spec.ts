import request from 'supertest';
import { expectError } from '../../helpers/contract';
import {
  API,
  bearer,
  createApiKey,
  insertUser,
  type CreatedKey,
  type TestUser,
} from '../../helpers/factories';
import { redisEnv, startListeningApp } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * IP allowlists of API keys: addresses and CIDRs of both families, stored normalised, matched
 * against the address the per-IP limits use (TRUST_PROXY), refused before the key's budget.
 */

interface KeyBody {
  id: string;
  allowed_ips?: string[];
}

describe('API key IP allowlist', () => {
  let direct: TestApp;
  let proxied: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    direct = await startListeningApp(redisEnv());
    // Behind one proxy: the client is the last X-Forwarded-For entry.
    proxied = await startListeningApp({ ...redisEnv(), TRUST_PROXY: '1' });
    owner = await insertUser(direct);
  });

  afterAll(async () => {
    await direct?.close();
    await proxied?.close();
  });

  const keyWith = (body: Record<string, unknown>): Promise<CreatedKey> =>
    createApiKey(direct.http, owner, body);

  /** GET /auth/user with the key, through the proxied app as coming from `from`. */
  const from = (key: string, address: string): request.Test =>
    request(proxied.http)
      .get(`${API}/auth/user`)
      .set('X-API-Key', key)
      .set('X-Forwarded-For', address);

  /** Through the proxied app, whose cache then drops the key at once (no bus involved). */
  const patch = (id: string, body: Record<string, unknown>): request.Test =>
    request(proxied.http)
      .patch(`${API}/api-keys/${id}`)
      .set(...bearer(owner.accessToken))
      .send(body);

  it('admits an address inside the list and refuses one outside with 403 ip_not_allowed', async () => {
    const { key } = await keyWith({ allowed_ips: ['198.51.100.7', '203.0.113.0/24'] });
    await from(key, '198.51.100.7').expect(200);
    await from(key, '203.0.113.200').expect(200);
    expectError(await from(key, '198.51.100.8'), 403, 'ip_not_allowed');
    expectError(await from(key, '203.0.114.1'), 403, 'ip_not_allowed');
  });

  it('matches IPv6 addresses and CIDRs', async () => {
    const { key } = await keyWith({ allowed_ips: ['2001:db8:aa::/48', '2001:db8:ff::1'] });
    await from(key, '2001:db8:aa:1::42').expect(200);
    await from(key, '2001:DB8:FF:0:0:0:0:1').expect(200);
    expectError(await from(key, '2001:db8:ab::1'), 403, 'ip_not_allowed');
    expectError(await from(key, '198.51.100.7'), 403, 'ip_not_allowed');
  });

  it('matches an IPv4-mapped IPv6 client address as the IPv4 address it carries', async () => {
    const { key } = await keyWith({ allowed_ips: ['10.0.0.0/8'] });
    await from(key, '::ffff:10.20.30.40').expect(200);
    expectError(await from(key, '::ffff:11.20.30.40'), 403, 'ip_not_allowed');
  });

  it('uses the forwarded address only behind a trusted proxy (TRUST_PROXY)', async () => {
    const { key } = await keyWith({ allowed_ips: ['127.0.0.1'] });
    // Without TRUST_PROXY the socket's address counts, whatever the header says.
    await request(direct.http)
      .get(`${API}/auth/user`)
      .set('X-API-Key', key)
      .set('X-Forwarded-For', '192.0.2.1')
      .expect(200);
    // Behind one proxy the forwarded client counts, not the proxy's address.
    expectError(await from(key, '192.0.2.1'), 403, 'ip_not_allowed');
    await from(key, '192.0.2.1, 127.0.0.1').expect(200);
  });

  it('trusts X-Forwarded-For only from the proxy addresses TRUST_PROXY names', async () => {
    const { key } = await keyWith({ allowed_ips: ['192.0.2.1'] });
    // This test's connections come from 127.0.0.1: a named proxy here, a direct client there.
    const behindNamed = await startListeningApp({ ...redisEnv(), TRUST_PROXY: '127.0.0.0/8' });
    const elsewhere = await startListeningApp({ ...redisEnv(), TRUST_PROXY: '10.9.9.9' });
    try {
      const via = (t: TestApp, forwarded: string): request.Test =>
        request(t.http)
          .get(`${API}/auth/user`)
          .set('X-API-Key', key)
          .set('X-Forwarded-For', forwarded);
      await via(behindNamed, '192.0.2.1').expect(200);
      // The client is the nearest address that is not a named proxy, whatever precedes it.
      await via(behindNamed, '198.51.100.9, 192.0.2.1, 127.0.0.1').expect(200);
      expectError(await via(behindNamed, '192.0.2.1, 198.51.100.9'), 403, 'ip_not_allowed');
      // From an address that is not a named proxy, the header is the client's own claim.
      expectError(await via(elsewhere, '192.0.2.1'), 403, 'ip_not_allowed');
    } finally {
      await Promise.all([behindNamed.close(), elsewhere.close()]);
    }
  });

  it("refuses before the key's rate limit is spent", async () => {
    const { key } = await keyWith({ allowed_ips: ['10.0.0.0/8'], rate_limit_per_minute: 3 });
    for (let i = 0; i < 6; i++) {
      const refused = await from(key, '192.0.2.55');
      expectError(refused, 403, 'ip_not_allowed');
      expect(refused.headers['x-ratelimit-remaining']).toBeUndefined();
    }
    const admitted = await from(key, '10.1.1.1').expect(200);
    expect(admitted.headers['x-ratelimit-remaining']).toBe('2');
  });

  it('stores the list normalised and shows it on create, get and list', async () => {
    const created = await keyWith({
      allowed_ips: ['10.1.2.3/8', '2001:DB8:0:0:0::1', '::ffff:192.0.2.9', '10.0.0.0/8'],
    });
    const normal = ['10.0.0.0/8', '2001:db8::1', '192.0.2.9'];
    expect((created.body.api_key as KeyBody).allowed_ips).toEqual(normal);
    const got = await request(direct.http)
      .get(`${API}/api-keys/${created.id}`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    expect((got.body as KeyBody).allowed_ips).toEqual(normal);
    const listed = await request(direct.http)
      .get(`${API}/api-keys`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    const mine = (listed.body as { api_keys: KeyBody[] }).api_keys.find((k) => k.id === created.id);
    expect(mine?.allowed_ips).toEqual(normal);
  });

  it('omits allowed_ips from a key without one', async () => {
    const created = await keyWith({});
    expect(created.body.api_key).not.toHaveProperty('allowed_ips');
  });

  it('PATCH replaces the list whole, in force at once; null clears it', async () => {
    const { id, key } = await keyWith({ allowed_ips: ['192.0.2.0/24'] });
    await from(key, '192.0.2.1').expect(200);

    const replaced = await patch(id, { allowed_ips: ['198.51.100.0/24'] }).expect(200);
    expect((replaced.body as KeyBody).allowed_ips).toEqual(['198.51.100.0/24']);
    expectError(await from(key, '192.0.2.1'), 403, 'ip_not_allowed');
    await from(key, '198.51.100.1').expect(200);

    const cleared = await patch(id, { allowed_ips: null }).expect(200);
    expect(cleared.body).not.toHaveProperty('allowed_ips');
    await from(key, '192.0.2.1').expect(200);
    await from(key, '203.0.113.1').expect(200);

    // Other changes leave the list alone.
    await patch(id, { allowed_ips: ['192.0.2.0/24'] }).expect(200);
    const renamed = await patch(id, { name: 'renamed' }).expect(200);
    expect((renamed.body as KeyBody).allowed_ips).toEqual(['192.0.2.0/24']);
  });

  it.each([
    ['a non-address entry', { allowed_ips: ['10.0.0.1', 'not-an-ip'] }, 'allowed_ips[1]'],
    ['an IPv4 prefix over 32', { allowed_ips: ['10.0.0.0/33'] }, 'allowed_ips[0]'],
    ['an IPv6 prefix over 128', { allowed_ips: ['2001:db8::/129'] }, 'allowed_ips[0]'],
    ['an entry that is no string', { allowed_ips: [42] }, 'allowed_ips[0]'],
    ['an empty list', { allowed_ips: [] }, 'allowed_ips'],
    ['a string for a list', { allowed_ips: '10.0.0.1' }, 'allowed_ips'],
    [
      '101 entries',
      { allowed_ips: Array.from({ length: 101 }, (_, i) => `10.0.0.${i}`) },
      'allowed_ips',
    ],
  ])('refuses %s with 400 validation_failed naming the field', async (_label, body, field) => {
    const created = await request(direct.http)
      .post(`${API}/api-keys`)
      .set(...bearer(owner.accessToken))
      .send({ name: 'bad', scopes: ['read:users'], ...body });
    const error = expectError(created, 400, 'validation_failed');
    expect(error.details?.map((d) => d.field)).toEqual([field]);

    const { id } = await keyWith({});
    const updated = await patch(id, body);
    expect(expectError(updated, 400, 'validation_failed').details?.map((d) => d.field)).toEqual([
      field,
    ]);
  });

  it('accepts 100 entries', async () => {
    const hundred = Array.from({ length: 100 }, (_, i) => `10.0.${i}.0/24`);
    const created = await keyWith({ allowed_ips: hundred });
    expect((created.body.api_key as KeyBody).allowed_ips).toHaveLength(100);
  });
});
