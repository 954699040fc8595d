import request from 'supertest';
import { generateApiKey } from '../../../src/api-keys/api-key-format';
import { expectError } from '../../helpers/contract';
import {
  API,
  bearer,
  createApiKey,
  createUser,
  type CreatedKey,
  type TestUser,
} from '../../helpers/factories';
import { recordSql, redisEnv, startListeningApp, type SqlRecorder } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * Verify as other services call it: optional `ip`, `required_scopes` and `lease`, answers built
 * from the key cache (a warm verify runs no SQL), the key's budget spent as a keyed request
 * spends it, and a lease taken from that budget.
 */

interface VerifyBody {
  valid: boolean;
  code: string;
  api_key?: { id: string; metadata?: unknown; expires_at?: string };
  metadata?: Record<string, unknown>;
  scopes?: string[];
  rate_limit?: { limit: number; remaining: number; reset: number };
  lease?: { requests: number; ttl_ms: number };
  credits_remaining?: number;
}

describe('POST /api-keys/verify, v2', () => {
  let t: TestApp;
  let owner: TestUser;
  let caller: CreatedKey;
  let sql: SqlRecorder;
  const verify = (body: Record<string, unknown>): request.Test =>
    request(t.http).post(`${API}/api-keys/verify`).set('X-API-Key', caller.key).send(body);
  const verified = async (body: Record<string, unknown>): Promise<VerifyBody> =>
    (await verify(body).expect(200)).body as VerifyBody;

  beforeAll(async () => {
    t = await startListeningApp({ ...redisEnv(), VERIFY_LEASE_MS: '6000' });
    owner = await createUser(t.http);
    caller = await createApiKey(t.http, owner, { name: 'gateway', scopes: ['verify:api-keys'] });
  });
  beforeEach(() => {
    sql = recordSql();
  });
  afterEach(() => sql.restore());
  afterAll(async () => {
    await t?.close();
  });

  it('answers a valid key with its metadata, expiry and api_key', async () => {
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const subject = await createApiKey(t.http, owner, {
      metadata: { team: 'payments', tier: 3 },
      expires_at: expiresAt,
    });
    const body = await verified({ key: subject.key, ip: '203.0.113.7' });
    expect(body).toMatchObject({
      valid: true,
      code: 'valid',
      metadata: { team: 'payments', tier: 3 },
      api_key: { id: subject.id, metadata: { team: 'payments', tier: 3 } },
      scopes: ['read:users'],
    });
    expect(new Date(body.api_key!.expires_at!).getTime()).toBe(new Date(expiresAt).getTime());
    expect(body).not.toHaveProperty('lease');
    expect(body).not.toHaveProperty('credits_remaining');
    expect(JSON.stringify(body)).not.toContain(subject.key);
  });

  it('runs no SQL statement for a warm key, and the answer follows an update at once', async () => {
    const subject = await createApiKey(t.http, owner, { metadata: { v: 1 } });
    await verified({ key: subject.key });
    sql.take();
    for (let i = 0; i < 5; i++) {
      expect(await verified({ key: subject.key, required_scopes: ['read:users'] })).toMatchObject({
        valid: true,
        metadata: { v: 1 },
      });
    }
    expect(sql.take()).toEqual([]);

    await request(t.http)
      .patch(`${API}/api-keys/${subject.id}`)
      .set(...bearer(owner.accessToken))
      .send({ metadata: { v: 2 }, name: 'renamed' })
      .expect(200);
    const after = await verified({ key: subject.key });
    expect(after).toMatchObject({ metadata: { v: 2 }, api_key: { name: 'renamed' } });
  });

  it('refuses a key without every required scope, after spending its budget', async () => {
    const subject = await createApiKey(t.http, owner, {
      scopes: ['read:users'],
      rate_limit_per_minute: 10,
    });
    expect(
      await verified({ key: subject.key, required_scopes: ['read:users', 'write:users'] }),
    ).toEqual({
      valid: false,
      code: 'insufficient_scope',
      rate_limit: { limit: 10, remaining: 9, reset: expect.any(Number) as unknown },
    });
    expect(await verified({ key: subject.key, required_scopes: ['read:users'] })).toMatchObject({
      valid: true,
      rate_limit: { remaining: 8 },
    });
    expect(await verified({ key: subject.key, required_scopes: [] })).toMatchObject({
      valid: true,
    });
  });

  it('says why a key is not valid, with the contract’s codes', async () => {
    const revoked = await createApiKey(t.http, owner);
    await request(t.http)
      .post(`${API}/api-keys/${revoked.id}/revoke`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    const limited = await createApiKey(t.http, owner, { rate_limit_per_minute: 1 });
    await verified({ key: limited.key });
    expect(await verified({ key: revoked.key })).toEqual({ valid: false, code: 'api_key_revoked' });
    expect(await verified({ key: generateApiKey() })).toEqual({
      valid: false,
      code: 'invalid_api_key',
    });
    expect(await verified({ key: limited.key })).toMatchObject({
      valid: false,
      code: 'rate_limited',
      rate_limit: { limit: 1, remaining: 0 },
    });
  });

  it('grants a lease from the key’s budget only when at least 100 requests are left', async () => {
    const big = await createApiKey(t.http, owner, { rate_limit_per_minute: 1000 });
    const first = await verified({ key: big.key, lease: true });
    // 6 s of a 1,000/min limit: 100 requests, spent from the budget with the verify's own one.
    expect(first.lease).toEqual({ requests: 100, ttl_ms: 6000 });
    expect(first.rate_limit!.remaining).toBeGreaterThanOrEqual(897);
    expect(first.rate_limit!.remaining).toBeLessThanOrEqual(899);
    const second = await verified({ key: big.key });
    expect(second.rate_limit!.remaining).toBeLessThanOrEqual(first.rate_limit!.remaining);
    expect(second).not.toHaveProperty('lease');

    const small = await createApiKey(t.http, owner, { rate_limit_per_minute: 100 });
    // 99 left after this verify: below the floor, no lease.
    expect(await verified({ key: small.key, lease: true })).not.toHaveProperty('lease');
  });

  it('lets leases take no more than the budget holds', async () => {
    const key = await createApiKey(t.http, owner, { rate_limit_per_minute: 1200 });
    let admitted = 0;
    for (let i = 0; i < 30; i++) {
      const body = await verified({ key: key.key, lease: true });
      if (!body.valid) break;
      admitted += 1 + (body.lease?.requests ?? 0);
    }
    // Granted requests never pass the budget (plus what refilled during the loop).
    expect(admitted).toBeGreaterThan(1000);
    expect(admitted).toBeLessThanOrEqual(1200 + 40);
  });

  it('refuses malformed ip, required_scopes and lease with 400', async () => {
    const subject = await createApiKey(t.http, owner);
    for (const body of [
      { key: subject.key, ip: 'not-an-ip' },
      { key: subject.key, required_scopes: ['admin:everything'] },
      { key: subject.key, required_scopes: 'read:users' },
      { key: subject.key, lease: 'yes' },
    ]) {
      expectError(await verify(body), 400, 'validation_failed');
    }
  });

  it('accepts IPv6 addresses', async () => {
    const subject = await createApiKey(t.http, owner);
    expect(await verified({ key: subject.key, ip: '2001:db8::1' })).toMatchObject({ valid: true });
  });
});

describe('POST /api-keys/verify of unknown keys', () => {
  let t: TestApp;
  let caller: CreatedKey;
  let owner: TestUser;
  beforeAll(async () => {
    t = await startListeningApp({ AUTH_FAILURE_LIMIT_PER_IP: '3' });
    owner = await createUser(t.http);
    caller = await createApiKey(t.http, owner, { scopes: ['verify:api-keys'] });
  });
  afterAll(async () => {
    await t?.close();
  });
  const verify = (key: string): request.Test =>
    request(t.http).post(`${API}/api-keys/verify`).set('X-API-Key', caller.key).send({ key });

  it('costs one statement the first time, none after, and none once the failure budget is spent', async () => {
    const known = await createApiKey(t.http, owner);
    const fresh = await createApiKey(t.http, owner);
    // The caller's own key and `known` are looked up here, before counting.
    await verify(known.key).expect(200);
    const sql = recordSql();
    try {
      const unknown = generateApiKey();
      expect((await verify(unknown).expect(200)).body).toEqual({
        valid: false,
        code: 'invalid_api_key',
      });
      expect(sql.take().filter((s) => /\bapi_keys\b/.test(s))).toHaveLength(1);
      for (let i = 0; i < 5; i++) await verify(unknown).expect(200);
      expect(sql.take()).toEqual([]);

      // Two more unknown digests spend the budget of 3.
      await verify(generateApiKey()).expect(200);
      await verify(generateApiKey()).expect(200);
      sql.take();
      expectError(await verify(generateApiKey()), 429, 'rate_limited');
      expect(sql.take()).toEqual([]);
      // A key the cache already holds is still answered, without a statement.
      expect((await verify(known.key).expect(200)).body).toMatchObject({ valid: true });
      expect(sql.take()).toEqual([]);
    } finally {
      sql.restore();
    }
    // A key never verified needs a lookup: refused until the budget refills.
    expectError(await verify(fresh.key), 429, 'rate_limited');
  });
});
