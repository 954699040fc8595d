import request from 'supertest';
import { expectError } from '../../helpers/contract';
import {
  API,
  bearer,
  createApiKey,
  createUser,
  type CreatedKey,
  type TestUser,
} from '../../helpers/factories';
import {
  ALL_SCOPES,
  describeRedis,
  describeServerPostgres,
  expireKeyInDatabase,
  outcomeOf,
  pollUntil,
  recordSql,
  REDIS_TAG,
  REDIS_URL,
  redisEnv,
  SERVER_PG_TAG,
  startListeningApp,
} from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * Rotation: a new secret for the same key. The previous secret works through its grace period,
 * on the same budget, then answers 401 api_key_rotated; every instance sees the rotation as
 * fast as it sees a revocation.
 */

type Http = TestApp['http'];

interface RotatedKey {
  api_key: Record<string, unknown> & { id: string; key_prefix: string };
  key: string;
}

const me = (http: Http, key: string): request.Test =>
  request(http).get(`${API}/auth/user`).set('X-API-Key', key);

const rotateRequest = (http: Http, user: TestUser, id: string, body?: unknown): request.Test => {
  const req = request(http)
    .post(`${API}/api-keys/${id}/rotate`)
    .set(...bearer(user.accessToken));
  return body === undefined ? req : req.send(body as object);
};

async function rotate(http: Http, user: TestUser, id: string, body?: unknown): Promise<RotatedKey> {
  const res = await rotateRequest(http, user, id, body);
  expect(res.status).toBe(200);
  return res.body as RotatedKey;
}

async function getKey(http: Http, user: TestUser, id: string): Promise<Record<string, unknown>> {
  const res = await request(http)
    .get(`${API}/api-keys/${id}`)
    .set(...bearer(user.accessToken))
    .expect(200);
  return res.body as Record<string, unknown>;
}

describe('rotation (e2e)', () => {
  let t: TestApp;
  let owner: TestUser;
  let stranger: TestUser;
  beforeAll(async () => {
    t = await startListeningApp(redisEnv());
    owner = await createUser(t.http);
    stranger = await createUser(t.http);
  });
  afterAll(async () => {
    await t?.close();
  });

  const newKey = (body: Record<string, unknown> = {}): Promise<CreatedKey> =>
    createApiKey(t.http, owner, { scopes: ALL_SCOPES, ...body });

  it('answers the same key with a new secret and prefix; both secrets work during the grace', async () => {
    const created = await newKey({
      name: 'Billing',
      description: 'billing service',
      rate_limit_per_minute: 600,
      metadata: { team: 'payments' },
    });
    const before = (created.body as { api_key: Record<string, unknown> }).api_key;
    await me(t.http, created.key).expect(200);

    const started = Date.now();
    const rotated = await rotate(t.http, owner, created.id);
    expect(rotated.key).toMatch(/^kw_/);
    expect(rotated.key).not.toBe(created.key);
    expect(rotated.api_key.key_prefix).toBe(rotated.key.slice(0, 12));
    expect(rotated.api_key.key_prefix).not.toBe(before.key_prefix);
    for (const field of [
      'id',
      'name',
      'description',
      'scopes',
      'rate_limit_per_minute',
      'metadata',
      'user_id',
      'created_at',
    ]) {
      expect(rotated.api_key[field]).toEqual(before[field]);
    }
    expect(rotated.api_key.previous_key_prefix).toBe(before.key_prefix);
    const rotatedAt = Date.parse(rotated.api_key.rotated_at as string);
    const previousUntil = Date.parse(rotated.api_key.previous_key_expires_at as string);
    expect(rotatedAt).toBeGreaterThanOrEqual(started - 1000);
    // The default grace: one hour.
    expect(previousUntil - rotatedAt).toBe(3600 * 1000);
    // Never a digest in the answer.
    expect(JSON.stringify(rotated)).not.toMatch(/hash/i);

    const [viaNew, viaPrevious] = await Promise.all([
      me(t.http, rotated.key),
      me(t.http, created.key),
    ]);
    expect([viaNew.status, viaPrevious.status]).toEqual([200, 200]);
    expect((viaNew.body as { id: string }).id).toBe(owner.id);
    expect((viaPrevious.body as { id: string }).id).toBe(owner.id);

    // get and list show the rotation too.
    const got = await getKey(t.http, owner, created.id);
    expect(got).toMatchObject({
      key_prefix: rotated.api_key.key_prefix,
      rotated_at: rotated.api_key.rotated_at,
      previous_key_prefix: before.key_prefix,
      previous_key_expires_at: rotated.api_key.previous_key_expires_at,
    });
    const list = await request(t.http)
      .get(`${API}/api-keys`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    const listed = (list.body as { api_keys: Record<string, unknown>[] }).api_keys.find(
      (k) => k.id === created.id,
    );
    expect(listed).toEqual(got);
  });

  it('both secrets spend the one budget of the key', async () => {
    const created = await newKey({ rate_limit_per_minute: 4 });
    const rotated = await rotate(t.http, owner, created.id);
    const statuses = [];
    for (const key of [created.key, rotated.key, created.key, rotated.key]) {
      statuses.push((await me(t.http, key)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200]);
    expectError(await me(t.http, created.key), 429, 'rate_limited');
    expectError(await me(t.http, rotated.key), 429, 'rate_limited');
  });

  it('with a grace of 0, refuses the previous secret at once with 401 api_key_rotated', async () => {
    const created = await newKey();
    await me(t.http, created.key).expect(200); // cached before the rotation
    const rotated = await rotate(t.http, owner, created.id, { grace_period_seconds: 0 });
    expect(rotated.api_key.rotated_at).toEqual(expect.any(String));
    expect(rotated.api_key).not.toHaveProperty('previous_key_prefix');
    expect(rotated.api_key).not.toHaveProperty('previous_key_expires_at');
    expectError(await me(t.http, created.key), 401, 'api_key_rotated');
    await me(t.http, rotated.key).expect(200);
  });

  it('refuses the previous secret with api_key_rotated once its grace is over', async () => {
    const created = await newKey();
    const rotated = await rotate(t.http, owner, created.id, { grace_period_seconds: 1 });
    await me(t.http, created.key).expect(200); // cached during the grace
    const until = Date.parse(rotated.api_key.previous_key_expires_at as string);
    const waited = await pollUntil(
      async () => outcomeOf(await me(t.http, created.key))[1] === 'api_key_rotated',
      { everyMs: 100, giveUpMs: 5000 },
    );
    expect(waited).not.toBeNull();
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    await me(t.http, rotated.key).expect(200);
    // The answer no longer speaks of a previous secret that does not work.
    const got = await getKey(t.http, owner, created.id);
    expect(got.rotated_at).toBe(rotated.api_key.rotated_at);
    expect(got).not.toHaveProperty('previous_key_prefix');
    expect(got).not.toHaveProperty('previous_key_expires_at');
  });

  it('rotating again stops the first secret at once; the second works through its grace', async () => {
    const created = await newKey();
    await me(t.http, created.key).expect(200);
    const second = await rotate(t.http, owner, created.id);
    await me(t.http, second.key).expect(200);
    const third = await rotate(t.http, owner, created.id, { grace_period_seconds: 600 });
    expectError(await me(t.http, created.key), 401, 'invalid_api_key');
    await me(t.http, second.key).expect(200);
    await me(t.http, third.key).expect(200);
    expect(third.api_key.previous_key_prefix).toBe(second.api_key.key_prefix);
  });

  it('revoking a rotated key stops both secrets', async () => {
    const created = await newKey();
    const rotated = await rotate(t.http, owner, created.id);
    await me(t.http, created.key).expect(200);
    await me(t.http, rotated.key).expect(200);
    await request(t.http)
      .post(`${API}/api-keys/${created.id}/revoke`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    expectError(await me(t.http, created.key), 401, 'api_key_revoked');
    expectError(await me(t.http, rotated.key), 401, 'api_key_revoked');
  });

  it('deleting a rotated key stops both secrets', async () => {
    const created = await newKey();
    const rotated = await rotate(t.http, owner, created.id);
    await me(t.http, created.key).expect(200);
    await me(t.http, rotated.key).expect(200);
    await request(t.http)
      .delete(`${API}/api-keys/${created.id}`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    expectError(await me(t.http, created.key), 401, 'invalid_api_key');
    expectError(await me(t.http, rotated.key), 401, 'invalid_api_key');
  });

  it('refuses a revoked key with 409 api_key_revoked and an expired one with 409 api_key_expired, changing nothing', async () => {
    const revoked = await newKey();
    await request(t.http)
      .post(`${API}/api-keys/${revoked.id}/revoke`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    const revokedBefore = await getKey(t.http, owner, revoked.id);
    expectError(await rotateRequest(t.http, owner, revoked.id), 409, 'api_key_revoked');
    expect(await getKey(t.http, owner, revoked.id)).toEqual(revokedBefore);

    const expired = await newKey();
    await expireKeyInDatabase(t, expired.id);
    const expiredBefore = await getKey(t.http, owner, expired.id);
    expectError(await rotateRequest(t.http, owner, expired.id), 409, 'api_key_expired');
    expect(await getKey(t.http, owner, expired.id)).toEqual(expiredBefore);
  });

  it("answers 404 for someone else's key and for a key that does not exist", async () => {
    const created = await newKey();
    expectError(await rotateRequest(t.http, stranger, created.id), 404, 'not_found');
    expectError(
      await rotateRequest(t.http, owner, '00000000-0000-4000-8000-000000000000'),
      404,
      'not_found',
    );
    await me(t.http, created.key).expect(200);
    expect(await getKey(t.http, owner, created.id)).not.toHaveProperty('rotated_at');
  });

  it('needs a user session: a key gets 403 user_session_required', async () => {
    const created = await newKey();
    const res = await request(t.http)
      .post(`${API}/api-keys/${created.id}/rotate`)
      .set('X-API-Key', created.key)
      .send({});
    expectError(res, 403, 'user_session_required');
    await me(t.http, created.key).expect(200);
  });

  it.each([
    [{ grace_period_seconds: -1 }, 'grace_period_seconds'],
    [{ grace_period_seconds: 604801 }, 'grace_period_seconds'],
    [{ grace_period_seconds: 1.5 }, 'grace_period_seconds'],
    [{ grace_period_seconds: '60' }, 'grace_period_seconds'],
    [{ grace_period_seconds: null }, 'grace_period_seconds'],
    [{ grace: 60 }, 'grace'],
  ])('refuses %j with 400 validation_failed naming the field', async (body, field) => {
    const created = await newKey();
    const error = expectError(
      await rotateRequest(t.http, owner, created.id, body),
      400,
      'validation_failed',
    );
    expect(error.details?.map((d) => d.field)).toEqual([field]);
    expect(await getKey(t.http, owner, created.id)).not.toHaveProperty('rotated_at');
  });

  it('accepts the largest grace, a week', async () => {
    const created = await newKey();
    const rotated = await rotate(t.http, owner, created.id, { grace_period_seconds: 604800 });
    expect(
      Date.parse(rotated.api_key.previous_key_expires_at as string) -
        Date.parse(rotated.api_key.rotated_at as string),
    ).toBe(604800 * 1000);
  });

  it('leaves the key exactly as it was when the rotation fails half-way', async () => {
    const created = await newKey();
    await me(t.http, created.key).expect(200);
    const before = await getKey(t.http, owner, created.id);
    // A fault in the database at the write: the rotation's statement fails inside its transaction.
    const trigger = `keyward_test_fail_${created.id.replace(/-/g, '')}`;
    await t.dataSource.query(
      `CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS
         $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$`,
    );
    await t.dataSource.query(
      `CREATE TRIGGER ${trigger} BEFORE UPDATE ON api_keys FOR EACH ROW
         WHEN (OLD.id = '${created.id}') EXECUTE FUNCTION ${trigger}()`,
    );
    try {
      expectError(await rotateRequest(t.http, owner, created.id), 500, 'internal_error');
    } finally {
      await t.dataSource.query(`DROP TRIGGER ${trigger} ON api_keys`);
      await t.dataSource.query(`DROP FUNCTION ${trigger}()`);
    }
    expect(await getKey(t.http, owner, created.id)).toEqual(before);
    await me(t.http, created.key).expect(200);
  });

  it('verify answers valid for either secret in the grace, api_key_rotated for a stopped one', async () => {
    const verifier = await newKey();
    const verify = async (key: string): Promise<string> => {
      const res = await request(t.http)
        .post(`${API}/api-keys/verify`)
        .set('X-API-Key', verifier.key)
        .send({ key })
        .expect(200);
      return (res.body as { code: string }).code;
    };
    const inGrace = await newKey();
    const rotated = await rotate(t.http, owner, inGrace.id);
    await expect(verify(inGrace.key)).resolves.toBe('valid');
    await expect(verify(rotated.key)).resolves.toBe('valid');
    const stopped = await newKey();
    const now = await rotate(t.http, owner, stopped.id, { grace_period_seconds: 0 });
    await expect(verify(stopped.key)).resolves.toBe('api_key_rotated');
    await expect(verify(now.key)).resolves.toBe('valid');
  });

  it('serves a warm previous secret without SQL', async () => {
    const created = await newKey();
    await rotate(t.http, owner, created.id);
    await me(t.http, created.key).expect(200);
    const sql = recordSql();
    try {
      await me(t.http, created.key).expect(200);
      // The last-used flush and other suites' background work are not this request's.
      expect(sql.take().filter((s) => /api_keys/.test(s) && !/last_used_at/.test(s))).toEqual([]);
    } finally {
      sql.restore();
    }
  });
});

describe('rotation (e2e): the key cache refresh-ahead (KEY_CACHE_TTL_MS 1 s)', () => {
  const TTL_MS = 1000;
  let t: TestApp;
  let owner: TestUser;
  beforeAll(async () => {
    t = await startListeningApp({ KEY_CACHE_TTL_MS: String(TTL_MS), LAST_USED_FLUSH_MS: '60000' });
    owner = await createUser(t.http);
  });
  afterAll(async () => {
    await t?.close();
  });
  const isRefresh = (statement: string): boolean =>
    statement.startsWith('/* keyward:key-cache-refresh */');

  /** A key rotated with a long grace, both secrets used (so both cached). */
  async function rotatedInUse(): Promise<{ id: string; previous: string; current: string }> {
    // A limit no loop below can reach, however fast the machine: this is about the cache.
    const created = await createApiKey(t.http, owner, { rate_limit_per_minute: 100_000 });
    const rotated = await rotate(t.http, owner, created.id, { grace_period_seconds: 3600 });
    await me(t.http, created.key).expect(200);
    await me(t.http, rotated.key).expect(200);
    return { id: created.id, previous: created.key, current: rotated.key };
  }

  it('keeps both secrets of a key in use cached past the TTL, reading only in the refresh', async () => {
    const { previous, current } = await rotatedInUse();
    const sql = recordSql();
    try {
      const until = Date.now() + 3 * TTL_MS;
      while (Date.now() < until) {
        await me(t.http, previous).expect(200);
        await me(t.http, current).expect(200);
        await new Promise((done) => setTimeout(done, 50));
      }
      const statements = sql.take();
      expect(statements.filter((s) => !isRefresh(s) && /\bapi_keys\b/.test(s))).toEqual([]);
      expect(statements.filter(isRefresh).length).toBeGreaterThanOrEqual(3);
    } finally {
      sql.restore();
    }
  });

  it('drops a previous secret replaced behind its back at the next refresh', async () => {
    const { id, previous, current } = await rotatedInUse();
    // A rotation whose notification never came: another secret became the previous one.
    await t.dataSource.query(
      `UPDATE api_keys SET previous_key_hash = md5(random()::text) || md5(random()::text),
         rotated_at = now() WHERE id = $1`,
      [id],
    );
    const elapsed = await pollUntil(
      async () => outcomeOf(await me(t.http, previous))[1] === 'invalid_api_key',
      { everyMs: 50, giveUpMs: 3 * TTL_MS },
    );
    expect(elapsed).not.toBeNull();
    expect(elapsed).toBeLessThanOrEqual(TTL_MS + 200);
    await me(t.http, current).expect(200);
  });

  it('honours a previous secret’s expiry brought forward behind its back at the next refresh', async () => {
    const { id, previous, current } = await rotatedInUse();
    await t.dataSource.query(
      `UPDATE api_keys SET previous_key_expires_at = now() - interval '1 second' WHERE id = $1`,
      [id],
    );
    const elapsed = await pollUntil(
      async () => outcomeOf(await me(t.http, previous))[1] === 'api_key_rotated',
      { everyMs: 50, giveUpMs: 3 * TTL_MS },
    );
    expect(elapsed).not.toBeNull();
    expect(elapsed).toBeLessThanOrEqual(TTL_MS + 200);
    await me(t.http, current).expect(200);
  });
});

/** Instance A rotates; instance B, which had the old secret cached, follows within 1 s. */
function crossInstanceSuite(env: () => Record<string, string>): void {
  let a: TestApp;
  let b: TestApp;
  let owner: TestUser;
  beforeAll(async () => {
    a = await startListeningApp(env());
    b = await startListeningApp(env());
    owner = await createUser(a.http);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('after a rotation with grace 0 on A, B refuses the old secret within 1 s and accepts the new one at once', async () => {
    const created = await createApiKey(a.http, owner, { scopes: ALL_SCOPES });
    await me(b.http, created.key).expect(200);
    await me(b.http, created.key).expect(200);
    const rotated = await rotate(a.http, owner, created.id, { grace_period_seconds: 0 });
    await me(b.http, rotated.key).expect(200);
    expectError(await me(a.http, created.key), 401, 'api_key_rotated');
    const elapsed = await pollUntil(
      async () => outcomeOf(await me(b.http, created.key))[1] === 'api_key_rotated',
      { everyMs: 50, giveUpMs: 3000 },
    );
    expect(elapsed).not.toBeNull();
    expect(elapsed).toBeLessThan(1000);
  });

  it('after a second rotation on A, B refuses the first secret and serves the second through its grace', async () => {
    const created = await createApiKey(a.http, owner, { scopes: ALL_SCOPES });
    const second = await rotate(a.http, owner, created.id);
    await me(b.http, created.key).expect(200);
    await me(b.http, second.key).expect(200);
    const third = await rotate(a.http, owner, created.id);
    const elapsed = await pollUntil(
      async () => outcomeOf(await me(b.http, created.key))[1] === 'invalid_api_key',
      { everyMs: 50, giveUpMs: 3000 },
    );
    expect(elapsed).not.toBeNull();
    expect(elapsed).toBeLessThan(1000);
    await me(b.http, second.key).expect(200);
    await me(b.http, third.key).expect(200);
  });
}

describeRedis(`rotation (e2e) across two instances, Redis pub/sub${REDIS_TAG}`, () => {
  crossInstanceSuite(() => ({ REDIS_URL: REDIS_URL! }));
});

describeServerPostgres(
  `rotation (e2e) across two instances, PostgreSQL LISTEN/NOTIFY (no Redis)${SERVER_PG_TAG}`,
  () => {
    crossInstanceSuite(() => ({}));
  },
);
