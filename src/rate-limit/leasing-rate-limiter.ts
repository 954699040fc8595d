import { LRUCache } from 'lru-cache';
import type { RateLimitDecision, RateLimiter } from './gcra';
import type { GcraReply, GiveBack, RedisRateLimiter } from './redis-rate-limiter';

/** Part of a caller's budget this instance took from Redis. */
interface Lease {
  limit: number;
  windowMs: number;
  /** Requests taken and not yet spent. */
  left: number;
  /** After this (`now()`), what is left is not spent; the next request asks Redis. */
  expires: number;
  /** What Redis said remained once it had granted the lease. */
  remaining: number;
  /** When (`now()`) Redis said the budget would be whole, the lease counted as spent. */
  wholeAt: number;
  /** The bucket's tat on Redis's clock once the lease was granted: what giving back may undo. */
  tat: number;
  /** The Redis call in flight for this bucket: requests arriving meanwhile wait for it. */
  pending: Promise<boolean> | null;
}

/**
 * Leases over RedisRateLimiter: a budget large enough is leased rather than spent one request per
 * round trip. An instance takes `leaseMs` worth of the caller's limit from Redis in one call and
 * spends it in process, with one call in flight per bucket (requests the lease cannot cover then
 * ask Redis one by one, in parallel, so none waits on more than two calls). Redis grants only what
 * the shared budget holds; what an instance spends of a lease after Redis counted it as refilled
 * (at most `leaseMs` later) is the only excess, so across all instances a caller gets at most its
 * limit plus one lease per instance. What a lease has not spent when it expires (or the limit
 * changes) is given back with the instance's next call for that bucket, as far as the bucket still
 * owes it; until then the other instances cannot use it, so a caller moving between instances may
 * be refused up to `leaseMs` of its limit early, per instance. A budget too small to lease two
 * requests is spent exactly, one call per request.
 */
export class LeasingRateLimiter implements RateLimiter {
  private readonly leases = new LRUCache<string, Lease>({ max: 100_000 });

  constructor(
    private readonly redis: RedisRateLimiter,
    private readonly leaseMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  consume(bucket: string, limit: number, windowMs: number): Promise<RateLimitDecision> {
    const decided = this.consumeNow(bucket, limit, windowMs);
    if (decided !== undefined) return Promise.resolve(decided);
    const leased = Math.floor((limit * this.leaseMs) / windowMs);
    if (leased >= 2) return this.consumeLeased(bucket, limit, windowMs, leased);
    return this.consumeEach(bucket, limit, windowMs);
  }

  /** The answer without I/O: RedisRateLimiter's, or a request from this instance's lease. */
  private consumeNow(
    bucket: string,
    limit: number,
    windowMs: number,
  ): RateLimitDecision | undefined {
    const decided = this.redis.decideNow(bucket, limit, windowMs);
    if (decided !== undefined) return decided;
    const now = this.now();
    const lease = this.leases.get(bucket);
    if (
      lease !== undefined &&
      lease.left > 0 &&
      lease.expires > now &&
      lease.limit === limit &&
      lease.windowMs === windowMs
    ) {
      lease.left--;
      return spendFrom(lease, now);
    }
    return undefined;
  }

  private consumeEach(bucket: string, limit: number, windowMs: number): Promise<RateLimitDecision> {
    return this.redis.consumeEach(bucket, limit, windowMs, this.giveBack(bucket, windowMs));
  }

  /** What this instance's lease on the bucket left unspent, handed to the next Redis call. */
  private giveBack(bucket: string, windowMs: number): GiveBack | undefined {
    const lease = this.leases.get(bucket);
    if (lease === undefined || lease.left <= 0 || lease.windowMs !== windowMs) return undefined;
    const unspent = { unspent: lease.left, limit: lease.limit, tat: lease.tat };
    lease.left = 0;
    return unspent;
  }

  /**
   * A new lease from Redis, the first of its requests for this one. Requests that find the call
   * in flight wait for it, then take from the lease; those it cannot cover ask Redis one by one
   * (a refusal is remembered, so after one they ask nothing). If Redis fails, each falls back to
   * the in-process bucket.
   */
  private consumeLeased(
    bucket: string,
    limit: number,
    windowMs: number,
    wanted: number,
  ): Promise<RateLimitDecision> {
    const afterCall = async (shared: boolean): Promise<RateLimitDecision> =>
      shared
        ? (this.consumeNow(bucket, limit, windowMs) ?? this.consumeEach(bucket, limit, windowMs))
        : this.redis.fallback.consumeNow(bucket, limit, windowMs);
    const held = this.leases.get(bucket);
    if (held?.pending && held.limit === limit && held.windowMs === windowMs) {
      return held.pending.then(afterCall);
    }
    const lease: Lease = {
      limit,
      windowMs,
      left: 0,
      expires: 0,
      remaining: 0,
      wholeAt: 0,
      tat: 0,
      pending: null,
    };
    const settle = ([granted, remaining, resetMs, , tat]: GcraReply): boolean => {
      lease.pending = null;
      if (granted > 0) {
        const at = this.now();
        lease.left = granted;
        lease.expires = at + this.leaseMs;
        lease.remaining = remaining;
        lease.wholeAt = at + resetMs;
        lease.tat = tat;
      }
      return true;
    };
    const fail = (err: unknown): boolean => {
      lease.pending = null;
      this.redis.reportFailure(err);
      return false;
    };
    try {
      lease.pending = this.redis
        .ask(bucket, limit, windowMs, wanted, this.giveBack(bucket, windowMs))
        .then(settle, fail);
    } catch (err) {
      lease.pending = null;
      return Promise.resolve(this.redis.fallBack(err, bucket, limit, windowMs));
    }
    this.leases.set(bucket, lease);
    return lease.pending.then(afterCall);
  }
}

/**
 * A request spent from a lease. What the caller has left is what Redis said remained plus what
 * the lease still holds, and the budget is whole when Redis said, less the time the unspent part
 * stands for: what spending one by one on this instance would have said, save the budget refilled
 * since the lease was granted and what other instances spent meanwhile (neither is known here
 * without asking Redis).
 */
function spendFrom(lease: Lease, now: number): RateLimitDecision {
  const interval = lease.windowMs / lease.limit;
  return {
    allowed: true,
    limit: lease.limit,
    remaining: lease.remaining + lease.left,
    resetSeconds: Math.ceil(Math.max(0, lease.wholeAt - lease.left * interval - now) / 1000),
    retryAfterSeconds: 0,
  };
}
