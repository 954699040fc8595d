import request from 'supertest';
import { KEY_CACHE_REFRESH } from '../../../src/api-keys/api-key-auth.service';
import { CREDITS_SPEND } from '../../../src/api-keys/credits.service';
import { MAX_CREDITS } from '../../../src/api-keys/dto/api-key.dto';
import { Clock } from '../../../src/common/clock';
import { expectError } from '../../helpers/contract';
import {
  API,
  bearer,
  createApiKey,
  insertUser,
  type CreatedKey,
  type TestUser,
} from '../../helpers/factories';
import {
  describeServerPostgres,
  outcomeOf,
  pollUntil,
  recordSql,
  redisEnv,
  SERVER_PG_TAG,
  startListeningApp,
} from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * Credits of API keys: one balance on the key's row, spent exactly once per admitted request
 * whichever instance serves it, kept across restarts, refilled at 00:00 UTC or on the 1st, and
 * spent only by requests that pass every other check.
 */

type Http = TestApp['http'];

interface Credits {
  remaining: number;
  refill?: { amount: number; interval: 'daily' | 'monthly' };
}

const me = (http: Http, key: string): request.Test =>
  request(http).get(`${API}/auth/user`).set('X-API-Key', key);

const creditsHeader = (res: request.Response): string | undefined =>
  (res.headers as Record<string, string | undefined>)['x-credits-remaining'];

/** Replaces the app's clock; the returned setter moves it. */
function controlClock(...apps: TestApp[]): (iso: string) => void {
  let now = new Date();
  for (const t of apps) jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => now);
  return (iso) => {
    now = new Date(iso);
  };
}

describeServerPostgres(`API key credits${SERVER_PG_TAG}`, () => {
  let a: TestApp;
  let b: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    a = await startListeningApp(redisEnv());
    b = await startListeningApp(redisEnv());
    owner = await insertUser(a);
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await Promise.all([a?.close(), b?.close()]);
  });

  const keyWith = (body: Record<string, unknown>): Promise<CreatedKey> =>
    createApiKey(a.http, owner, { rate_limit_per_minute: 100_000, ...body });

  const creditsOf = async (t: TestApp, id: string): Promise<Credits | undefined> => {
    const res = await request(t.http)
      .get(`${API}/api-keys/${id}`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    return (res.body as { credits?: Credits }).credits;
  };

  const patch = (t: TestApp, id: string, body: Record<string, unknown>): request.Test =>
    request(t.http)
      .patch(`${API}/api-keys/${id}`)
      .set(...bearer(owner.accessToken))
      .send(body);

  it('admits exactly N requests for N credits, fired at once across two instances', async () => {
    const credits = 20;
    const { id, key } = await keyWith({ credits: { remaining: credits } });
    const answers = await Promise.all(
      Array.from({ length: 2 * credits }, (_, i) => me(i % 2 === 0 ? a.http : b.http, key)),
    );
    const admitted = answers.filter((r) => r.status === 200);
    expect(admitted).toHaveLength(credits);
    for (const refused of answers.filter((r) => r.status !== 200)) {
      expectError(refused, 403, 'credits_exhausted');
      expect(creditsHeader(refused)).toBe('0');
    }
    // Every balance from N-1 down to 0 was handed out once: no credit spent twice.
    const balances = admitted.map((r) => Number(creditsHeader(r))).sort((x, y) => x - y);
    expect(balances).toEqual(Array.from({ length: credits }, (_, i) => i));
    expect(await creditsOf(b, id)).toEqual({ remaining: 0 });
  });

  it('carries X-Credits-Remaining on each admitted answer', async () => {
    const { key } = await keyWith({ credits: { remaining: 3 } });
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(creditsHeader(await me(a.http, key).expect(200)));
    expect(seen).toEqual(['2', '1', '0']);
    expectError(await me(b.http, key), 403, 'credits_exhausted');
  });

  it('spends from the largest balance the API accepts, before and after a refill', async () => {
    const setClock = controlClock(a, b);
    try {
      setClock('2030-02-10T12:00:00.000Z');
      const { id, key } = await keyWith({
        credits: { remaining: MAX_CREDITS, refill: { amount: MAX_CREDITS, interval: 'daily' } },
      });
      expect(creditsHeader(await me(a.http, key).expect(200))).toBe(String(MAX_CREDITS - 1));
      expect((await creditsOf(b, id))?.remaining).toBe(MAX_CREDITS - 1);
      setClock('2030-02-11T00:00:00.000Z');
      expect(creditsHeader(await me(b.http, key).expect(200))).toBe(String(MAX_CREDITS - 1));
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('gives nothing back on a restart', async () => {
    const { id, key } = await keyWith({ credits: { remaining: 3 } });
    await me(b.http, key).expect(200);
    await me(b.http, key).expect(200);
    await b.close();
    b = await startListeningApp(redisEnv());
    expect(await creditsOf(b, id)).toEqual({ remaining: 1 });
    expect(creditsHeader(await me(b.http, key).expect(200))).toBe('0');
    expectError(await me(b.http, key), 403, 'credits_exhausted');
  });

  it('puts a PATCHed balance in force on the other instance at once', async () => {
    const { id, key } = await keyWith({ credits: { remaining: 1 } });
    await me(b.http, key).expect(200);
    expectError(await me(b.http, key), 403, 'credits_exhausted');
    const patched = await patch(a, id, { credits: { remaining: 2 } }).expect(200);
    expect((patched.body as { credits: Credits }).credits).toEqual({ remaining: 2 });
    const elapsed = await pollUntil(async () => (await me(b.http, key)).status === 200, {
      everyMs: 20,
      giveUpMs: 3000,
    });
    expect(elapsed).not.toBeNull();
    expect(elapsed).toBeLessThan(1000);
  });

  it('meters a key given credits by PATCH on the other instance within 1 s, and stops when cleared', async () => {
    const { id, key } = await keyWith({});
    const free = await me(b.http, key).expect(200);
    expect(creditsHeader(free)).toBeUndefined();
    await patch(a, id, { credits: { remaining: 0 } }).expect(200);
    const metered = await pollUntil(async () => (await me(b.http, key)).status === 403, {
      everyMs: 20,
    });
    expect(metered).not.toBeNull();
    expect(metered).toBeLessThan(1000);
    expectError(await me(b.http, key), 403, 'credits_exhausted');

    const cleared = await patch(a, id, { credits: null }).expect(200);
    expect(cleared.body).not.toHaveProperty('credits');
    const unmetered = await pollUntil(async () => (await me(b.http, key)).status === 200, {
      everyMs: 20,
    });
    expect(unmetered).not.toBeNull();
    expect(unmetered).toBeLessThan(1000);
    expect(creditsHeader(await me(b.http, key).expect(200))).toBeUndefined();
    expect(await creditsOf(b, id)).toBeUndefined();
  });

  it('refills daily at 00:00 UTC', async () => {
    const setClock = controlClock(a, b);
    try {
      setClock('2030-01-10T12:00:00.000Z');
      const { id, key } = await keyWith({
        credits: { remaining: 2, refill: { amount: 5, interval: 'daily' } },
      });
      await me(a.http, key).expect(200);
      await me(b.http, key).expect(200);
      expectError(await me(a.http, key), 403, 'credits_exhausted');
      setClock('2030-01-10T23:59:59.999Z');
      expectError(await me(b.http, key), 403, 'credits_exhausted');
      expect(await creditsOf(a, id)).toEqual({
        remaining: 0,
        refill: { amount: 5, interval: 'daily' },
      });

      setClock('2030-01-11T00:00:00.000Z');
      expect((await creditsOf(a, id))?.remaining).toBe(5);
      expect(creditsHeader(await me(b.http, key).expect(200))).toBe('4');
      expect(creditsHeader(await me(a.http, key).expect(200))).toBe('3');

      // Unspent credits do not carry over: the next day starts at the amount again.
      setClock('2030-01-12T08:00:00.000Z');
      expect(creditsHeader(await me(a.http, key).expect(200))).toBe('4');
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('refills monthly on the 1st at 00:00 UTC', async () => {
    const setClock = controlClock(a, b);
    try {
      setClock('2030-01-15T09:00:00.000Z');
      const { id, key } = await keyWith({
        credits: { remaining: 1, refill: { amount: 3, interval: 'monthly' } },
      });
      await me(a.http, key).expect(200);
      setClock('2030-01-31T23:59:59.999Z');
      expectError(await me(b.http, key), 403, 'credits_exhausted');
      expect((await creditsOf(b, id))?.remaining).toBe(0);

      setClock('2030-02-01T00:00:00.000Z');
      expect((await creditsOf(b, id))?.remaining).toBe(3);
      expect(creditsHeader(await me(b.http, key).expect(200))).toBe('2');
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('spends no credit on a request refused for its rate limit or its scopes', async () => {
    const limited = await keyWith({ credits: { remaining: 10 }, rate_limit_per_minute: 2 });
    await me(a.http, limited.key).expect(200);
    await me(a.http, limited.key).expect(200);
    for (let i = 0; i < 3; i++) expectError(await me(a.http, limited.key), 429, 'rate_limited');
    expect(await creditsOf(a, limited.id)).toEqual({ remaining: 8 });

    const scoped = await keyWith({ credits: { remaining: 5 }, scopes: ['read:users'] });
    for (let i = 0; i < 3; i++) {
      const refused = await request(a.http)
        .post(`${API}/api-keys/verify`)
        .set('X-API-Key', scoped.key)
        .send({ key: limited.key });
      expectError(refused, 403, 'insufficient_scope');
    }
    expect(await creditsOf(a, scoped.id)).toEqual({ remaining: 5 });
  });

  it('spends no credit on a request from outside the allowlist', async () => {
    const { id, key } = await keyWith({ credits: { remaining: 5 }, allowed_ips: ['192.0.2.1'] });
    for (let i = 0; i < 3; i++) expectError(await me(a.http, key), 403, 'ip_not_allowed');
    expect(await creditsOf(a, id)).toEqual({ remaining: 5 });
  });

  it('costs one statement per request for a key with credits, none for a key without', async () => {
    const metered = await keyWith({ credits: { remaining: 100 } });
    const free = await keyWith({});
    await me(a.http, metered.key).expect(200);
    await me(a.http, free.key).expect(200);
    const sql = recordSql();
    const statements = (): string[] => sql.take().filter((s) => !s.includes(KEY_CACHE_REFRESH));
    try {
      for (let i = 0; i < 5; i++) await me(a.http, free.key).expect(200);
      expect(statements()).toEqual([]);
      for (let i = 0; i < 5; i++) await me(a.http, metered.key).expect(200);
      const spent = statements();
      expect(spent).toHaveLength(5);
      expect(spent.every((s) => s.includes(CREDITS_SPEND))).toBe(true);
    } finally {
      sql.restore();
    }
  });

  it('shows credits on create, get and list; omits them from a key without', async () => {
    const credits = { remaining: 7, refill: { amount: 10, interval: 'monthly' } };
    const created = await keyWith({ credits });
    expect((created.body.api_key as { credits: Credits }).credits).toEqual(credits);
    expect(await creditsOf(b, created.id)).toEqual(credits);
    const listed = await request(a.http)
      .get(`${API}/api-keys`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    const mine = (listed.body as { api_keys: { id: string; credits?: Credits }[] }).api_keys;
    expect(mine.find((k) => k.id === created.id)?.credits).toEqual(credits);
    const plain = await keyWith({});
    expect(plain.body.api_key).not.toHaveProperty('credits');
  });

  it('PATCH replaces the credits whole: a refill left out is removed', async () => {
    const { id } = await keyWith({
      credits: { remaining: 1, refill: { amount: 10, interval: 'daily' } },
    });
    const res = await patch(a, id, { credits: { remaining: 50 } }).expect(200);
    expect((res.body as { credits: Credits }).credits).toEqual({ remaining: 50 });
    const renamed = await patch(a, id, { name: 'still metered' }).expect(200);
    expect((renamed.body as { credits: Credits }).credits).toEqual({ remaining: 50 });
  });

  it.each([
    ['a negative balance', { remaining: -1 }, 'credits.remaining'],
    ['a fractional balance', { remaining: 1.5 }, 'credits.remaining'],
    ['a balance over the maximum', { remaining: 2 ** 31 }, 'credits.remaining'],
    ['no balance', { refill: { amount: 5, interval: 'daily' } }, 'credits.remaining'],
    [
      'a negative refill',
      { remaining: 1, refill: { amount: -5, interval: 'daily' } },
      'credits.refill.amount',
    ],
    [
      'a fractional refill',
      { remaining: 1, refill: { amount: 0.5, interval: 'daily' } },
      'credits.refill.amount',
    ],
    [
      'an unknown interval',
      { remaining: 1, refill: { amount: 5, interval: 'weekly' } },
      'credits.refill.interval',
    ],
    ['an unknown field', { remaining: 1, bonus: 3 }, 'credits.bonus'],
    ['a number for an object', 5, 'credits'],
  ])('refuses %s with 400 validation_failed naming the field', async (_label, credits, field) => {
    const created = await request(a.http)
      .post(`${API}/api-keys`)
      .set(...bearer(owner.accessToken))
      .send({ name: 'bad', scopes: ['read:users'], credits });
    expect(expectError(created, 400, 'validation_failed').details?.map((d) => d.field)).toEqual([
      field,
    ]);
    const { id } = await keyWith({});
    const updated = await patch(a, id, { credits });
    expect(expectError(updated, 400, 'validation_failed').details?.map((d) => d.field)).toEqual([
      field,
    ]);
  });

  it('refuses credits: null on create', async () => {
    const res = await request(a.http)
      .post(`${API}/api-keys`)
      .set(...bearer(owner.accessToken))
      .send({ name: 'bad', scopes: ['read:users'], credits: null });
    expect(outcomeOf(res)).toEqual([400, 'validation_failed']);
  });
});
