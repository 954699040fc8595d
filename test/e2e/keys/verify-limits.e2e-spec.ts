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
import {
  describeServerPostgres,
  pollUntil,
  recordSql,
  redisEnv,
  SERVER_PG_TAG,
  startListeningApp,
} from '../../helpers/keyed';
import { changeOf, openEventStream, type SseFrame } from '../../helpers/sse';
import type { TestApp } from '../../helpers/test-app';

/**
 * Verify v2 together with the key's other limits: an allowlist refuses before the budget is
 * spent, credits are one balance for keyed requests and verifies and never leased, a rotated
 * key's secrets verify as the same key, every refusal is counted in usage under its own outcome,
 * and the change stream names each kind of change.
 */

interface VerifyBody {
  valid: boolean;
  code: string;
  api_key?: { id: string; credits?: { remaining: number } };
  rate_limit?: { limit: number; remaining: number; reset: number };
  lease?: { requests: number; ttl_ms: number };
  credits_remaining?: number;
}

type Counts = Record<string, number>;

const ZERO: Counts = {
  valid: 0,
  rate_limited: 0,
  credits_exhausted: 0,
  ip_not_allowed: 0,
  insufficient_scope: 0,
  revoked: 0,
  expired: 0,
  rotated: 0,
};

/** The background flushes of usage counts and last-used times (LAST_USED_FLUSH_MS). */
const BATCHED_WRITES = /^\s*(INSERT INTO key_usage|UPDATE api_keys AS k SET last_used_at)/;

const creditsHeader = (res: request.Response): string | undefined =>
  (res.headers as Record<string, string | undefined>)['x-credits-remaining'];

describeServerPostgres(`verify v2 with allowlists, credits and rotation${SERVER_PG_TAG}`, () => {
  let a: TestApp;
  let b: TestApp;
  let owner: TestUser;
  let gateway: CreatedKey;

  beforeAll(async () => {
    // Behind one proxy, so a keyed request can come from any address (X-Forwarded-For).
    const env = {
      ...redisEnv(),
      TRUST_PROXY: '1',
      LAST_USED_FLUSH_MS: '150',
      VERIFY_LEASE_MS: '6000',
    };
    a = await startListeningApp(env);
    b = await startListeningApp(env);
    owner = await insertUser(a);
    gateway = await createApiKey(a.http, owner, { name: 'gateway', scopes: ['verify:api-keys'] });
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  const verify = (t: TestApp, body: Record<string, unknown>): Promise<VerifyBody> =>
    request(t.http)
      .post(`${API}/api-keys/verify`)
      .set('X-API-Key', gateway.key)
      .send(body)
      .expect(200)
      .then((res) => res.body as VerifyBody);
  const keyed = (t: TestApp, key: string, from = '127.0.0.1'): request.Test =>
    request(t.http).get(`${API}/auth/user`).set('X-API-Key', key).set('X-Forwarded-For', from);
  const keyWith = (body: Record<string, unknown>): Promise<CreatedKey> =>
    createApiKey(a.http, owner, { scopes: ['read:users'], ...body });
  const rotate = async (id: string, grace?: number): Promise<string> => {
    const res = await request(a.http)
      .post(`${API}/api-keys/${id}/rotate`)
      .set(...bearer(owner.accessToken))
      .send(grace === undefined ? {} : { grace_period_seconds: grace })
      .expect(200);
    return (res.body as { key: string }).key;
  };

  describe('an allowlist', () => {
    it('refuses a verify without ip, fail closed, and one from outside, spending neither rate limit nor credit', async () => {
      const subject = await keyWith({
        allowed_ips: ['203.0.113.0/24'],
        rate_limit_per_minute: 2,
        credits: { remaining: 1 },
      });
      expect(await verify(a, { key: subject.key })).toEqual({
        valid: false,
        code: 'ip_not_allowed',
      });
      for (const ip of ['198.51.100.1', '203.0.114.1', '2001:db8::1']) {
        expect(await verify(b, { key: subject.key, ip })).toEqual({
          valid: false,
          code: 'ip_not_allowed',
        });
      }
      // Nothing was spent: the first request of the budget and the only credit are still there.
      const allowed = await verify(a, { key: subject.key, ip: '203.0.113.9' });
      expect(allowed).toMatchObject({
        valid: true,
        api_key: { id: subject.id },
        rate_limit: { limit: 2, remaining: 1 },
        credits_remaining: 0,
      });
    });

    it('matches an IPv4-mapped IPv6 address in the body as IPv4', async () => {
      const subject = await keyWith({ allowed_ips: ['203.0.113.7'] });
      expect(await verify(a, { key: subject.key, ip: '::ffff:203.0.113.7' })).toMatchObject({
        valid: true,
        api_key: { id: subject.id },
      });
      expect(await verify(a, { key: subject.key, ip: '::ffff:203.0.113.8' })).toEqual({
        valid: false,
        code: 'ip_not_allowed',
      });
    });
  });

  describe('credits', () => {
    it('admit exactly N verifies and keyed requests together from one balance, then credits_exhausted', async () => {
      const credits = 12;
      const subject = await keyWith({
        rate_limit_per_minute: 100_000,
        credits: { remaining: credits },
      });
      const attempts = await Promise.all(
        Array.from({ length: 2 * credits }, async (_, i) => {
          const t = i % 4 < 2 ? a : b;
          if (i % 2 === 0) {
            const body = await verify(t, { key: subject.key, lease: true });
            return { admitted: body.valid, code: body.code, body };
          }
          const res = await keyed(t, subject.key);
          return {
            admitted: res.status === 200,
            code: res.status === 200 ? 'valid' : (res.body as { code: string }).code,
            body: undefined,
          };
        }),
      );
      expect(attempts.filter((x) => x.admitted)).toHaveLength(credits);
      for (const refused of attempts.filter((x) => !x.admitted)) {
        expect(refused.code).toBe('credits_exhausted');
      }
      for (const { body } of attempts) {
        if (!body?.valid) continue;
        // A valid answer says the balance after its own spend, in both places; never a lease.
        expect(body.credits_remaining).toEqual(expect.any(Number));
        expect(body.api_key!.credits!.remaining).toBe(body.credits_remaining);
        expect(body).not.toHaveProperty('lease');
      }
      expect(await verify(b, { key: subject.key })).toMatchObject({
        valid: false,
        code: 'credits_exhausted',
      });
      expectError(await keyed(a, subject.key), 403, 'credits_exhausted');
    });

    it('count down one balance across verifies and keyed requests, in order', async () => {
      const subject = await keyWith({ rate_limit_per_minute: 100_000, credits: { remaining: 4 } });
      const first = await verify(a, { key: subject.key, lease: true });
      expect(first).toMatchObject({ valid: true, credits_remaining: 3 });
      expect(first.api_key!.credits!.remaining).toBe(3);
      expect(first).not.toHaveProperty('lease');
      expect(creditsHeader(await keyed(b, subject.key).expect(200))).toBe('2');
      const third = await verify(b, { key: subject.key, lease: true });
      expect(third).toMatchObject({ valid: true, credits_remaining: 1 });
      expect(third.api_key!.credits!.remaining).toBe(1);
      expect(creditsHeader(await keyed(a, subject.key).expect(200))).toBe('0');
      expect(await verify(a, { key: subject.key })).toMatchObject({ code: 'credits_exhausted' });
    });

    it('leave a key without credits and a big limit its lease', async () => {
      const subject = await keyWith({ rate_limit_per_minute: 1000 });
      const body = await verify(a, { key: subject.key, lease: true });
      expect(body).toMatchObject({ valid: true, lease: { requests: 100, ttl_ms: 6000 } });
      expect(body).not.toHaveProperty('credits_remaining');
    });
  });

  describe('a change of the limits', () => {
    it('is in force for verifies on every instance within 1 s: an allowlist, credits, and their removal', async () => {
      const subject = await keyWith({ rate_limit_per_minute: 1000 });
      const patch = (body: Record<string, unknown>): Promise<unknown> =>
        request(a.http)
          .patch(`${API}/api-keys/${subject.id}`)
          .set(...bearer(owner.accessToken))
          .send(body)
          .expect(200);
      const within1s = async (check: (body: VerifyBody) => boolean, ip?: string) => {
        const took = await pollUntil(
          async () => check(await verify(b, { key: subject.key, lease: true, ip })),
          { everyMs: 20, giveUpMs: 3000 },
        );
        expect(took).not.toBeNull();
        expect(took).toBeLessThan(1000);
      };
      // Warm on B, with a lease.
      expect(await verify(b, { key: subject.key, lease: true })).toMatchObject({ valid: true });

      await patch({ allowed_ips: ['203.0.113.0/24'] });
      await within1s((body) => body.code === 'ip_not_allowed');
      expect(await verify(b, { key: subject.key, ip: '203.0.113.1' })).toMatchObject({
        valid: true,
      });

      await patch({ allowed_ips: null, credits: { remaining: 2 } });
      await within1s((body) => body.valid && body.credits_remaining !== undefined);
      const withCredits = await verify(b, { key: subject.key, lease: true });
      expect(withCredits).not.toHaveProperty('lease');
      expect(withCredits.credits_remaining).toBe(withCredits.api_key!.credits!.remaining);

      await patch({ credits: null });
      await within1s((body) => body.valid && body.lease !== undefined);
      expect(await verify(b, { key: subject.key })).not.toHaveProperty('credits_remaining');
    });

    it('spends no credit on a request refused for its scope or its rate limit', async () => {
      const subject = await keyWith({ rate_limit_per_minute: 2, credits: { remaining: 2 } });
      const patch = await request(a.http)
        .patch(`${API}/users/${owner.id}`)
        .set('X-API-Key', subject.key)
        .set('X-Forwarded-For', '127.0.0.1')
        .send({ role: 'user' });
      expectError(patch, 403, 'insufficient_scope');
      expect(await verify(a, { key: subject.key, required_scopes: ['write:users'] })).toMatchObject(
        { code: 'insufficient_scope' },
      );
      // Both spent the rate limit (2), neither a credit.
      expect(await verify(b, { key: subject.key })).toMatchObject({ code: 'rate_limited' });
      expectError(await keyed(a, subject.key), 429, 'rate_limited');
      const res = await request(a.http)
        .get(`${API}/api-keys/${subject.id}`)
        .set(...bearer(owner.accessToken))
        .expect(200);
      expect((res.body as { credits?: { remaining: number } }).credits).toEqual({ remaining: 2 });
    });
  });

  describe('a rotated key', () => {
    it('verifies the previous secret during its grace as the same key', async () => {
      const subject = await keyWith({});
      const next = await rotate(subject.id);
      for (const key of [subject.key, next]) {
        expect(await verify(b, { key })).toMatchObject({
          valid: true,
          api_key: { id: subject.id },
        });
      }
    });

    it('spends one balance of credits from both secrets during the grace', async () => {
      const subject = await keyWith({ rate_limit_per_minute: 1000, credits: { remaining: 3 } });
      const next = await rotate(subject.id);
      expect(await verify(a, { key: subject.key })).toMatchObject({ credits_remaining: 2 });
      expect(await verify(b, { key: next })).toMatchObject({ credits_remaining: 1 });
      expect(creditsHeader(await keyed(a, subject.key).expect(200))).toBe('0');
      expect(await verify(b, { key: next })).toMatchObject({ code: 'credits_exhausted' });
      expect(await verify(a, { key: subject.key })).toMatchObject({ code: 'credits_exhausted' });
    });

    it('answers api_key_rotated for a secret past its grace (0), on every instance within 1 s', async () => {
      const subject = await keyWith({});
      // Both instances hold the answer for the first secret.
      await verify(a, { key: subject.key });
      await verify(b, { key: subject.key });
      const next = await rotate(subject.id, 0);
      expect(await verify(a, { key: subject.key })).toEqual({
        valid: false,
        code: 'api_key_rotated',
      });
      const took = await pollUntil(
        async () => (await verify(b, { key: subject.key })).code === 'api_key_rotated',
        { everyMs: 20, giveUpMs: 3000 },
      );
      expect(took).not.toBeNull();
      expect(took).toBeLessThan(1000);
      expect(await verify(b, { key: next })).toMatchObject({
        valid: true,
        api_key: { id: subject.id },
      });
    });

    it('verifies the new secret warm without SQL, with an allowlist too', async () => {
      const subject = await keyWith({ allowed_ips: ['203.0.113.0/24'] });
      const next = await rotate(subject.id, 0);
      const ip = '203.0.113.4';
      await verify(a, { key: next, ip });
      await keyed(a, next, ip).expect(200);
      const sql = recordSql();
      try {
        for (let i = 0; i < 3; i++) {
          expect(await verify(a, { key: next, ip })).toMatchObject({ valid: true });
          expect(await verify(a, { key: next, ip: '198.51.100.4' })).toMatchObject({
            code: 'ip_not_allowed',
          });
          await keyed(a, next, ip).expect(200);
        }
        // The batched usage and last-used writes run on their own timer, not per request.
        expect(sql.take().filter((text) => !BATCHED_WRITES.test(text))).toEqual([]);
      } finally {
        sql.restore();
      }
    });
  });

  describe('usage', () => {
    async function expectTotals(keyId: string, expected: Partial<Counts>): Promise<void> {
      const want = { ...ZERO, ...expected };
      let last: Counts | undefined;
      const took = await pollUntil(
        async () => {
          const res = await request(b.http)
            .get(`${API}/api-keys/${keyId}/usage`)
            .set(...bearer(owner.accessToken))
            .expect(200);
          last = (res.body as { totals: Counts }).totals;
          return JSON.stringify(last) === JSON.stringify(want);
        },
        { everyMs: 100, giveUpMs: 5000 },
      );
      expect(last).toEqual(want);
      expect(took).not.toBeNull();
    }

    it('counts each refusal of keyed requests and verifies under its own outcome, exactly', async () => {
      const subject = await keyWith({
        allowed_ips: ['127.0.0.1', '203.0.113.0/24'],
        rate_limit_per_minute: 100_000,
        credits: { remaining: 6 },
      });
      const ip = '203.0.113.5';
      // Five valid, from both kinds of request, with the first secret and in its grace.
      await keyed(a, subject.key).expect(200);
      await keyed(b, subject.key).expect(200);
      expect(await verify(a, { key: subject.key, ip })).toMatchObject({ valid: true });
      const second = await rotate(subject.id);
      await keyed(b, subject.key).expect(200);
      expect(await verify(a, { key: subject.key, ip })).toMatchObject({ valid: true });
      // Three from outside the allowlist.
      expectError(await keyed(b, subject.key, '198.51.100.1'), 403, 'ip_not_allowed');
      expect(await verify(a, { key: subject.key })).toMatchObject({ code: 'ip_not_allowed' });
      expect(await verify(b, { key: subject.key, ip: '198.51.100.1' })).toMatchObject({
        code: 'ip_not_allowed',
      });
      // Two without the scope.
      const patch = await request(a.http)
        .patch(`${API}/users/${owner.id}`)
        .set('X-API-Key', subject.key)
        .set('X-Forwarded-For', '127.0.0.1')
        .send({ role: 'user' });
      expectError(patch, 403, 'insufficient_scope');
      expect(
        await verify(b, { key: subject.key, ip, required_scopes: ['write:users'] }),
      ).toMatchObject({ code: 'insufficient_scope' });
      // The last credit, then two refusals for credits.
      expect(await verify(b, { key: subject.key, ip })).toMatchObject({
        valid: true,
        credits_remaining: 0,
      });
      expectError(await keyed(a, subject.key), 403, 'credits_exhausted');
      expect(await verify(a, { key: subject.key, ip })).toMatchObject({
        code: 'credits_exhausted',
      });
      // Two with a secret rotated out.
      await rotate(subject.id, 0);
      expectError(await keyed(a, second), 401, 'api_key_rotated');
      expect(await verify(b, { key: second, ip })).toMatchObject({
        code: 'api_key_rotated',
      });

      await expectTotals(subject.id, {
        valid: 6,
        ip_not_allowed: 3,
        insufficient_scope: 2,
        credits_exhausted: 2,
        rotated: 2,
      });
    });
  });

  describe('the change stream', () => {
    it('names each change: updated, rotated, revoked, deleted, with increasing ids, and nothing for a spend', async () => {
      const stream = await openEventStream(a, `${API}/api-keys/events`, {
        'X-API-Key': gateway.key,
      });
      try {
        expect(stream.status).toBe(200);
        const subject = await keyWith({ credits: { remaining: 2 } });
        // Spending credits is no change of the key: nothing is sent for it.
        await keyed(a, subject.key).expect(200);
        expect(await verify(b, { key: subject.key })).toMatchObject({ credits_remaining: 0 });
        const of =
          (change: string) =>
          (frame: SseFrame): boolean =>
            frame.event === 'key.changed' &&
            changeOf(frame).key_id === subject.id &&
            changeOf(frame).change === change;
        const ids: string[] = [];
        await request(b.http)
          .patch(`${API}/api-keys/${subject.id}`)
          .set(...bearer(owner.accessToken))
          .send({ description: 'changed' })
          .expect(200);
        ids.push((await stream.next(of('updated'))).id!);
        await rotate(subject.id);
        ids.push((await stream.next(of('rotated'))).id!);
        await request(b.http)
          .post(`${API}/api-keys/${subject.id}/revoke`)
          .set(...bearer(owner.accessToken))
          .expect(200);
        ids.push((await stream.next(of('revoked'))).id!);
        await request(a.http)
          .delete(`${API}/api-keys/${subject.id}`)
          .set(...bearer(owner.accessToken))
          .expect(200);
        ids.push((await stream.next(of('deleted'))).id!);

        const mine = stream.frames.filter(
          (frame) => frame.event === 'key.changed' && changeOf(frame).key_id === subject.id,
        );
        expect(mine.map((frame) => changeOf(frame).change)).toEqual([
          'updated',
          'rotated',
          'revoked',
          'deleted',
        ]);
        expect(mine.map((frame) => frame.id)).toEqual(ids);
        const numeric = ids.map((id) => BigInt(id));
        for (let i = 1; i < numeric.length; i++) {
          expect(numeric[i] > numeric[i - 1]).toBe(true);
        }
      } finally {
        stream.close();
      }
    });
  });
});
