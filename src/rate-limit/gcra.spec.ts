import { LocalRateLimiter } from './gcra';

describe('LocalRateLimiter', () => {
  let clock: number;
  let limiter: LocalRateLimiter;
  beforeEach(() => {
    clock = 1_000_000;
    limiter = new LocalRateLimiter(() => clock);
  });

  it('admits a burst of the limit, then refuses with the time to retry', () => {
    for (let i = 0; i < 5; i++) {
      expect(limiter.consumeNow('b', 5, 60_000)).toMatchObject({
        allowed: true,
        remaining: 4 - i,
      });
    }
    expect(limiter.consumeNow('b', 5, 60_000)).toEqual({
      allowed: false,
      limit: 5,
      remaining: 0,
      resetSeconds: 60,
      retryAfterSeconds: 12,
    });
  });

  it('refills one request per window / limit, and is whole after a window', () => {
    for (let i = 0; i < 5; i++) limiter.consumeNow('b', 5, 60_000);
    clock += 11_999;
    expect(limiter.consumeNow('b', 5, 60_000).allowed).toBe(false);
    clock += 1;
    expect(limiter.consumeNow('b', 5, 60_000)).toMatchObject({ allowed: true, remaining: 0 });
    clock += 60_000;
    expect(limiter.consumeNow('b', 5, 60_000)).toMatchObject({ allowed: true, remaining: 4 });
  });

  it('keeps buckets apart', () => {
    limiter.consumeNow('a', 1, 60_000);
    expect(limiter.consumeNow('a', 1, 60_000).allowed).toBe(false);
    expect(limiter.consumeNow('b', 1, 60_000).allowed).toBe(true);
  });

  it('tells a known refusal without spending anything', async () => {
    expect(limiter.knownRefusal('b', 2, 60_000)).toBeUndefined();
    await expect(limiter.consume('b', 2, 60_000)).resolves.toMatchObject({ allowed: true });
    expect(limiter.knownRefusal('b', 2, 60_000)).toBeUndefined();
    await expect(limiter.consume('b', 2, 60_000)).resolves.toMatchObject({ allowed: true });
    expect(limiter.knownRefusal('b', 2, 60_000)).toMatchObject({ allowed: false });
    clock += 30_000;
    expect(limiter.knownRefusal('b', 2, 60_000)).toBeUndefined();
    expect(limiter.consumeNow('b', 2, 60_000).allowed).toBe(true);
  });
});
