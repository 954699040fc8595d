import { createKeyVerifier, type KeyVerifier } from '@keyward/client';
import request from 'supertest';
import { API, bearer, createApiKey, createUser, type TestUser } from '../../helpers/factories';
import { describeRedis, pollUntil, REDIS_TAG, REDIS_URL } from '../../helpers/keyed';
import { startListeningApp, type ListeningApp } from './server';

/**
 * The in-process verifier: answers reused within their lease while the change stream is open,
 * a revocation or rotation made on another instance reaching its answers within 1 s, everything
 * asked remotely while the stream is down, and keys with credits asked remotely every time.
 */

/** fetch, counting verify calls, with a switch that cuts the change stream and keeps it cut. */
function instrumentedFetch(): {
  fetch: typeof fetch;
  verifies: () => number;
  cut: () => void;
  restore: () => void;
} {
  let verifies = 0;
  let blocked = false;
  let kill = new AbortController();
  const wrapped: typeof fetch = (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/api-keys/verify')) verifies++;
    if (url.endsWith('/api-keys/events')) {
      if (blocked) return Promise.reject(new Error('stream blocked by the test'));
      const signals = [kill.signal, ...(init?.signal ? [init.signal] : [])];
      return fetch(input, { ...init, signal: AbortSignal.any(signals) });
    }
    return fetch(input, init);
  };
  return {
    fetch: wrapped,
    verifies: () => verifies,
    cut: () => {
      blocked = true;
      kill.abort();
      kill = new AbortController();
    },
    restore: () => {
      blocked = false;
    },
  };
}

describeRedis(`createKeyVerifier against two instances${REDIS_TAG}`, () => {
  let a: ListeningApp;
  let b: ListeningApp;
  let owner: TestUser;
  let service: { key: string };
  const verifiers: KeyVerifier[] = [];
  const verifierOn = (t: ListeningApp, fetchFn: typeof fetch): KeyVerifier => {
    const verifier = createKeyVerifier({
      url: t.url,
      apiKey: service.key,
      cacheTtlMs: 30_000,
      reconnect: { minMs: 50, maxMs: 200 },
      fetch: fetchFn,
    });
    verifiers.push(verifier);
    return verifier;
  };
  const connected = async (verifier: KeyVerifier): Promise<void> => {
    expect(await pollUntil(() => Promise.resolve(verifier.connected))).not.toBeNull();
  };

  beforeAll(async () => {
    const env = { REDIS_URL: REDIS_URL!, VERIFY_LEASE_MS: '6000' };
    a = await startListeningApp(env);
    b = await startListeningApp(env);
    owner = await createUser(a.http);
    service = await createApiKey(a.http, owner, { scopes: ['verify:api-keys'] });
  });
  afterAll(async () => {
    for (const verifier of verifiers) verifier.close();
    await Promise.all([a?.close(), b?.close()]);
  });

  it('reuses a leased answer, then sees a revocation made on another instance within 1 s', async () => {
    const counted = instrumentedFetch();
    const verifier = verifierOn(b, counted.fetch);
    await connected(verifier);
    const subject = await createApiKey(a.http, owner, { rate_limit_per_minute: 1000 });
    const first = await verifier.verify(subject.key);
    expect(first).toMatchObject({ valid: true, lease: { requests: 100 } });
    for (let i = 0; i < 10; i++) {
      expect(await verifier.verify(subject.key)).toMatchObject({ valid: true });
    }
    expect(counted.verifies()).toBe(1);

    await request(a.http)
      .post(`${API}/api-keys/${subject.id}/revoke`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    const elapsed = await pollUntil(
      async () => (await verifier.verify(subject.key)).code === 'api_key_revoked',
      { everyMs: 20, giveUpMs: 3000 },
    );
    expect(elapsed).not.toBeNull();
    expect(elapsed).toBeLessThan(1000);
  });

  it('admits locally at most the leased requests before asking again', async () => {
    const counted = instrumentedFetch();
    const verifier = verifierOn(b, counted.fetch);
    await connected(verifier);
    const subject = await createApiKey(a.http, owner, { rate_limit_per_minute: 1000 });
    const first = await verifier.verify(subject.key);
    const leased = first.lease!.requests;
    for (let i = 0; i < leased; i++) await verifier.verify(subject.key);
    expect(counted.verifies()).toBe(1);
    await verifier.verify(subject.key);
    expect(counted.verifies()).toBe(2);
  });

  it('asks remotely every time while the stream is down, and caches again once it is back', async () => {
    const counted = instrumentedFetch();
    const verifier = verifierOn(b, counted.fetch);
    await connected(verifier);
    const subject = await createApiKey(a.http, owner, { rate_limit_per_minute: 1000 });
    await verifier.verify(subject.key);
    await verifier.verify(subject.key);
    expect(counted.verifies()).toBe(1);

    counted.cut();
    expect(
      await pollUntil(() => Promise.resolve(!verifier.connected), { everyMs: 10 }),
    ).not.toBeNull();
    for (let i = 0; i < 3; i++) await verifier.verify(subject.key);
    expect(counted.verifies()).toBe(4);

    counted.restore();
    await connected(verifier);
    await verifier.verify(subject.key);
    await verifier.verify(subject.key);
    expect(counted.verifies()).toBe(5);
  });

  it('asks remotely for every verify of a key with credits, so the balance stays exact', async () => {
    const counted = instrumentedFetch();
    const verifier = verifierOn(b, counted.fetch);
    await connected(verifier);
    const subject = await createApiKey(a.http, owner, {
      rate_limit_per_minute: 1000,
      credits: { remaining: 3 },
    });
    const balances: (number | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await verifier.verify(subject.key);
      expect(answer).toMatchObject({ valid: true });
      expect(answer).not.toHaveProperty('lease');
      balances.push(answer.credits_remaining);
    }
    expect(balances).toEqual([2, 1, 0]);
    expect(await verifier.verify(subject.key)).toMatchObject({
      valid: false,
      code: 'credits_exhausted',
    });
    expect(counted.verifies()).toBe(4);
  });

  it('drops a cached answer when its key is rotated: a secret rotated out with grace 0 is refused within 1 s', async () => {
    const counted = instrumentedFetch();
    const verifier = verifierOn(b, counted.fetch);
    await connected(verifier);
    const subject = await createApiKey(a.http, owner, { rate_limit_per_minute: 1000 });
    expect(await verifier.verify(subject.key)).toMatchObject({ valid: true, lease: {} });
    await verifier.verify(subject.key);
    expect(counted.verifies()).toBe(1);

    const rotated = await request(a.http)
      .post(`${API}/api-keys/${subject.id}/rotate`)
      .set(...bearer(owner.accessToken))
      .send({ grace_period_seconds: 0 })
      .expect(200);
    const elapsed = await pollUntil(
      async () => (await verifier.verify(subject.key)).code === 'api_key_rotated',
      { everyMs: 20, giveUpMs: 3000 },
    );
    expect(elapsed).not.toBeNull();
    expect(elapsed).toBeLessThan(1000);
    expect(await verifier.verify((rotated.body as { key: string }).key)).toMatchObject({
      valid: true,
      api_key: { id: subject.id },
    });
  });

  it('holds one lease per key whatever addresses and scopes it is verified for', async () => {
    const counted = instrumentedFetch();
    const verifier = verifierOn(b, counted.fetch);
    await connected(verifier);
    const subject = await createApiKey(a.http, owner, {
      rate_limit_per_minute: 1000,
      allowed_ips: ['203.0.113.0/24'],
    });
    const first = await verifier.verify(subject.key, { ip: '203.0.113.1' });
    expect(first).toMatchObject({ valid: true, lease: { requests: 100 } });
    // Other addresses and scopes are asked once each, and share the lease already held.
    const others = [
      { ip: '203.0.113.2' },
      { ip: '203.0.113.3' },
      { ip: '203.0.113.1', requiredScopes: ['read:users' as const] },
    ];
    for (const options of others) {
      const answer = await verifier.verify(subject.key, options);
      expect(answer).toMatchObject({ valid: true, api_key: { id: subject.id } });
      expect(answer).not.toHaveProperty('lease');
    }
    expect(await verifier.verify(subject.key, { ip: '198.51.100.1' })).toMatchObject({
      code: 'ip_not_allowed',
    });
    expect(counted.verifies()).toBe(5);
    // The key's budget paid for one lease (100) and the five verifies, not for a lease each.
    const budget = await request(a.http)
      .post(`${API}/api-keys/verify`)
      .set('X-API-Key', service.key)
      .send({ key: subject.key, ip: '203.0.113.9' })
      .expect(200);
    const remaining = (budget.body as { rate_limit: { remaining: number } }).rate_limit.remaining;
    expect(remaining).toBeGreaterThanOrEqual(1000 - 100 - 5 - 1);
    expect(remaining).toBeLessThan(1000 - 100);

    // The one lease admits 100 more of the key on its own, over all its answers together.
    const all = [{ ip: '203.0.113.1' }, ...others];
    for (let i = 0; i < 100; i++) {
      expect(await verifier.verify(subject.key, all[i % all.length])).toMatchObject({
        valid: true,
      });
    }
    expect(counted.verifies()).toBe(5);
    expect(await verifier.verify(subject.key, all[1])).toMatchObject({
      valid: true,
      lease: { requests: 100 },
    });
    expect(counted.verifies()).toBe(6);
  });

  it('never caches a key without a lease, nor refusals', async () => {
    const counted = instrumentedFetch();
    const verifier = verifierOn(b, counted.fetch);
    await connected(verifier);
    const small = await createApiKey(a.http, owner, { rate_limit_per_minute: 50 });
    for (let i = 0; i < 3; i++) {
      expect(await verifier.verify(small.key)).toMatchObject({ valid: true });
    }
    expect(await verifier.verify(small.key, { requiredScopes: ['write:users'] })).toMatchObject({
      valid: false,
      code: 'insufficient_scope',
    });
    expect(counted.verifies()).toBe(4);
  });
});
