import { LocalRateLimiter, type RateLimitDecision } from './gcra';
import { LeasingRateLimiter } from './leasing-rate-limiter';
import {
  type GcraReply,
  type GcraStore,
  type GiveBack,
  RedisRateLimiter,
} from './redis-rate-limiter';

/** GCRA_LUA's rule in process, on a clock the test moves: a Redis shared by several instances. */
class FakeGcraStore implements GcraStore {
  ready = true;
  calls = 0;
  failWith: Error | null = null;
  readonly failures: unknown[] = [];
  private readonly buckets = new Map<string, { tat: number; limit: number }>();

  constructor(private readonly now: () => number) {}

  run(
    bucket: string,
    limit: number,
    windowMs: number,
    wanted: number,
    giveBack?: GiveBack,
  ): Promise<GcraReply> {
    this.calls++;
    if (this.failWith) return Promise.reject(this.failWith);
    const now = this.now();
    const interval = windowMs / limit;
    const stored = this.buckets.get(bucket);
    const previous = stored?.limit;
    let tat = Math.max(stored?.tat ?? now, now);
    if (giveBack && giveBack.unspent > 0 && previous === giveBack.limit) {
      const owed = Math.min(giveBack.unspent * (windowMs / previous), giveBack.tat - now);
      if (owed > 0) tat = Math.max(tat - owed, now);
    }
    if (previous !== undefined && previous !== limit) {
      tat = now + ((tat - now) / (windowMs / previous)) * interval;
    }
    const granted = Math.max(
      0,
      Math.min(wanted, Math.floor((windowMs + 1e-6 - (tat - now)) / interval)),
    );
    tat += granted * interval;
    this.buckets.set(bucket, { tat, limit });
    const remaining = Math.max(0, Math.floor((windowMs - (tat - now)) / interval + 1e-9));
    const retry = granted === 0 ? tat + interval - now - windowMs : 0;
    return Promise.resolve([
      granted,
      remaining,
      Math.ceil(tat - now),
      Math.ceil(retry),
      Math.floor(tat),
    ]);
  }

  reportFailure(err: unknown): void {
    this.failures.push(err);
  }
}

describe('RedisRateLimiter', () => {
  let clock: number;
  let store: FakeGcraStore;
  let limiter: RedisRateLimiter;
  beforeEach(() => {
    clock = 1_000_000;
    store = new FakeGcraStore(() => clock);
    limiter = new RedisRateLimiter(store, new LocalRateLimiter(() => clock), () => clock);
  });

  it('spends one request per call, and refuses past the limit', async () => {
    await expect(limiter.consume('b', 2, 60_000)).resolves.toMatchObject({ allowed: true });
    await expect(limiter.consume('b', 2, 60_000)).resolves.toMatchObject({ allowed: true });
    await expect(limiter.consume('b', 2, 60_000)).resolves.toEqual({
      allowed: false,
      limit: 2,
      remaining: 0,
      resetSeconds: 60,
      retryAfterSeconds: 30,
    });
    expect(store.calls).toBe(3);
  });

  it('remembers a refusal: Redis is not asked again until its retry time', async () => {
    for (let i = 0; i < 3; i++) await limiter.consume('b', 2, 60_000);
    expect(store.calls).toBe(3);
    for (let i = 0; i < 5; i++) {
      await expect(limiter.consume('b', 2, 60_000)).resolves.toMatchObject({ allowed: false });
    }
    expect(limiter.knownRefusal('b', 2, 60_000)).toMatchObject({ allowed: false });
    expect(store.calls).toBe(3);
    // A new limit (a key update) may change the answer: it is not remembered.
    expect(limiter.knownRefusal('b', 3, 60_000)).toBeUndefined();
    clock += 30_000;
    expect(limiter.knownRefusal('b', 2, 60_000)).toBeUndefined();
    await expect(limiter.consume('b', 2, 60_000)).resolves.toMatchObject({ allowed: true });
    expect(store.calls).toBe(4);
  });

  it('decides in process while Redis is down or failing, and reports the failure', async () => {
    store.ready = false;
    await expect(limiter.consume('b', 1, 60_000)).resolves.toMatchObject({ allowed: true });
    expect(store.calls).toBe(0);
    store.ready = true;
    store.failWith = new Error('connection lost');
    await expect(limiter.consume('b', 1, 60_000)).resolves.toMatchObject({ allowed: false });
    expect(store.calls).toBe(1);
    expect(store.failures).toEqual([store.failWith]);
  });
});

describe('LeasingRateLimiter', () => {
  const limit = 600; // one request per 100 ms
  const windowMs = 60_000;
  const leaseMs = 1_000; // a lease of 10 requests
  let clock: number;
  let store: FakeGcraStore;
  const instance = (): LeasingRateLimiter =>
    new LeasingRateLimiter(
      new RedisRateLimiter(store, new LocalRateLimiter(() => clock), () => clock),
      leaseMs,
      () => clock,
    );
  beforeEach(() => {
    clock = 1_000_000;
    store = new FakeGcraStore(() => clock);
  });

  const admitted = (decisions: RateLimitDecision[]): number =>
    decisions.filter((d) => d.allowed).length;

  it('spends a lease in process: one Redis call for many requests', async () => {
    const limiter = instance();
    const decisions = await Promise.all(
      Array.from({ length: 10 }, () => limiter.consume('b', limit, windowMs)),
    );
    expect(admitted(decisions)).toBe(10);
    expect(store.calls).toBe(1);
    expect(decisions[9]).toMatchObject({ remaining: 590 });
  });

  it('never admits more than the limit plus one lease per instance', async () => {
    const instances = [instance(), instance(), instance()];
    const durationMs = 120_000;
    let total = 0;
    for (let t = 0; t < durationMs; t += 20) {
      clock += 20;
      const decisions = await Promise.all(
        instances.flatMap((limiter) => [
          limiter.consume('b', limit, windowMs),
          limiter.consume('b', limit, windowMs),
        ]),
      );
      total += admitted(decisions);
    }
    const budget = limit + durationMs / (windowMs / limit);
    expect(total).toBeLessThanOrEqual(budget + instances.length * 10);
    expect(total).toBeGreaterThan(budget - instances.length * 10);
  });

  it('gives back what an expired lease left unspent', async () => {
    const a = instance();
    const b = instance();
    for (let i = 0; i < 300; i++) await b.consume('b', limit, windowMs);
    await a.consume('b', limit, windowMs); // takes a lease of 10, spends 1
    clock += leaseMs + 1; // the lease expires; 10 requests refill
    let admittedAfter = 0;
    for (;;) {
      const decision = await a.consume('b', limit, windowMs);
      if (!decision.allowed) break;
      admittedAfter++;
    }
    // 600 - 301 spent + 10 refilled: 309 only with the lease's 9 unspent requests given back.
    expect(admittedAfter).toBe(309);
    await expect(b.consume('b', limit, windowMs)).resolves.toMatchObject({ allowed: false });
  });

  it('falls back to the in-process bucket when Redis fails', async () => {
    const limiter = instance();
    store.failWith = new Error('connection lost');
    await expect(limiter.consume('b', limit, windowMs)).resolves.toMatchObject({
      allowed: true,
      remaining: limit - 1,
    });
    expect(store.failures).toHaveLength(1);
  });
});
