import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';
import { GCRA_LUA, gcra, type GcraState, type RateLimitDecision } from './gcra';

type GcraRedis = Redis & {
  keywardGcra(
    key: string,
    limit: number,
    windowMs: number,
    wanted: number,
    unspent: number,
    unspentLimit: number,
    unspentTat: number,
  ): Promise<GcraReply>;
};

/** The script's answer: granted, remaining, resetMs, retryMs, the bucket's tat (Redis clock). */
type GcraReply = [number, number, number, number, number];

/** Part of a caller's budget this instance took from Redis (see `consumeLeased`). */
interface Lease {
  limit: number;
  windowMs: number;
  /** Requests taken and not yet spent. */
  left: number;
  /** After this (performance.now()), what is left is not spent; the next request asks Redis. */
  expires: number;
  /** What Redis said remained once it had granted the lease. */
  remaining: number;
  /** When (performance.now()) Redis said the budget would be whole, the lease counted as spent. */
  wholeAt: number;
  /** The bucket's tat on Redis's clock once the lease was granted: what giving back may undo. */
  tat: number;
  /** The Redis call in flight for this bucket: requests arriving meanwhile wait for it. */
  pending: Promise<boolean> | null;
}

/**
 * Consumes one request from a bucket: in Redis when configured (one script call, shared by all
 * instances), else, or while Redis is unreachable, in process.
 *
 * A budget large enough is leased rather than spent one request per round trip: an instance
 * takes `rateLimitLeaseMs` worth of the caller's limit from Redis in one call and spends it in process, with one call in flight per bucket (requests
 * the lease cannot cover then ask Redis one by one, in parallel, so none waits on more than two
 * calls). Redis grants only what the shared budget holds; what an instance spends of a lease
 * after Redis counted it as refilled (at most `rateLimitLeaseMs` later) is the only excess, so
 * across all instances a caller gets at most its limit plus one lease per instance. What a lease
 * has not spent when it expires (or the limit changes) is given back with the instance's next
 * call for that bucket, as far as the bucket still owes it; until then the other instances cannot
 * use it, so a caller moving between instances may be refused up to `rateLimitLeaseMs` of its
 * limit early, per instance. A budget too small to lease two requests is spent exactly, one call
 * per request, as before.
 */
@Injectable()
export class RateLimiterService {
  private readonly local = new LRUCache<string, GcraState>({ max: 100_000 });
  /**
   * Buckets Redis refused, until the moment it said to retry. For GCRA that is the answer Redis
   * would give until then: a refusal does not move a bucket and every instance only moves it
   * forward; a new limit or window (a key update) can change it, and both are part of the check.
   * Only a bucket Redis itself lost (restart, eviction) would have admitted earlier: refused a
   * little too long, never admitted too much. So a caller hammering past its limit costs no
   * Redis round trip at all.
   */
  private readonly refusals = new LRUCache<
    string,
    { limit: number; windowMs: number; until: number; whole: number }
  >({ max: 100_000 });
  private readonly leases = new LRUCache<string, Lease>({ max: 100_000 });
  private readonly redis: GcraRedis | null;

  constructor(
    private readonly redisService: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const client = redisService.client;
    if (client) {
      client.defineCommand('keywardGcra', { numberOfKeys: 1, lua: GCRA_LUA });
      this.redis = client as GcraRedis;
    } else {
      this.redis = null;
    }
  }

  get shared(): boolean {
    return this.redis !== null && this.redisService.isReady;
  }

  async consume(bucket: string, limit: number, windowMs = 60_000): Promise<RateLimitDecision> {
    const decided = this.consumeNow(bucket, limit, windowMs);
    if (decided !== undefined) return decided;
    const leased = Math.floor((limit * this.config.rateLimitLeaseMs) / windowMs);
    if (leased >= 2) return this.consumeLeased(bucket, limit, windowMs, leased);
    return this.consumeEach(bucket, limit, windowMs);
  }

  /** One request asked of Redis; the in-process bucket if Redis fails. */
  private consumeEach(bucket: string, limit: number, windowMs: number): Promise<RateLimitDecision> {
    const fallBack = (err: unknown): RateLimitDecision => {
      this.redisService.reportFailure(err);
      return this.consumeLocally(bucket, limit, windowMs);
    };
    let reply: Promise<GcraReply>;
    try {
      reply = this.callRedis(bucket, limit, windowMs, 1);
    } catch (err) {
      return Promise.resolve(fallBack(err));
    }
    return reply.then(([allowed, remaining, resetMs, retryMs]) => {
      if (allowed !== 1) {
        const now = performance.now();
        this.refusals.set(bucket, { limit, windowMs, until: now + retryMs, whole: now + resetMs });
        return refusal(limit, retryMs, resetMs);
      }
      return {
        allowed: true,
        limit,
        remaining,
        resetSeconds: Math.ceil(resetMs / 1000),
        retryAfterSeconds: 0,
      };
    }, fallBack);
  }

  /**
   * `consume`, when its answer needs no I/O: in process (no Redis, or Redis down), a bucket Redis
   * refused until its retry time, a request from this instance's lease. Undefined: ask Redis.
   */
  private consumeNow(
    bucket: string,
    limit: number,
    windowMs = 60_000,
  ): RateLimitDecision | undefined {
    if (!this.redis || !this.redisService.isReady) {
      return this.consumeLocally(bucket, limit, windowMs);
    }
    const now = performance.now();
    const refused = this.rememberedRefusal(bucket, limit, windowMs, now);
    if (refused !== undefined) return refused;
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

  /** One script call; it also gives back what this instance's lease on the bucket left unspent. */
  private callRedis(
    bucket: string,
    limit: number,
    windowMs: number,
    wanted: number,
  ): Promise<GcraReply> {
    let unspent = 0;
    let unspentLimit = 0;
    let unspentTat = 0;
    const lease = this.leases.get(bucket);
    if (lease !== undefined && lease.left > 0 && lease.windowMs === windowMs) {
      unspent = lease.left;
      unspentLimit = lease.limit;
      unspentTat = lease.tat;
      lease.left = 0;
    }
    this.redisService.batchWrites();
    return this.redis!.keywardGcra(
      `${this.config.redis!.keyPrefix}rl:{${bucket}}`,
      limit,
      windowMs,
      wanted,
      unspent,
      unspentLimit,
      unspentTat,
    );
  }

  /**
   * A new lease from Redis, the first of its requests for this one. Requests that find the call
   * in flight wait for it, then take from the lease; those it cannot cover ask Redis one by one
   * (a refusal is remembered in `refusals`, so after one they ask nothing). If Redis fails, each
   * falls back to the in-process bucket, as `consume` does.
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
        : this.consumeLocally(bucket, limit, windowMs);
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
    const settle = ([granted, remaining, resetMs, retryMs, tat]: GcraReply): boolean => {
      const at = performance.now();
      lease.pending = null;
      if (granted > 0) {
        lease.left = granted;
        lease.expires = at + this.config.rateLimitLeaseMs;
        lease.remaining = remaining;
        lease.wholeAt = at + resetMs;
        lease.tat = tat;
      } else {
        this.refusals.set(bucket, { limit, windowMs, until: at + retryMs, whole: at + resetMs });
      }
      return true;
    };
    const fail = (err: unknown): boolean => {
      lease.pending = null;
      this.redisService.reportFailure(err);
      return false;
    };
    try {
      lease.pending = this.callRedis(bucket, limit, windowMs, wanted).then(settle, fail);
    } catch (err) {
      fail(err);
      return Promise.resolve(this.consumeLocally(bucket, limit, windowMs));
    }
    this.leases.set(bucket, lease);
    return lease.pending.then(afterCall);
  }

  /**
   * The refusal `consume` would give now, if it can be known without I/O and without spending
   * anything; else undefined (the caller takes the ordinary path). With Redis: a bucket Redis
   * refused whose retry time has not come. In process: a bucket whose budget is empty, decided
   * and stored exactly as `consume` would (a GCRA refusal spends nothing).
   */
  knownRefusal(bucket: string, limit: number, windowMs = 60_000): RateLimitDecision | undefined {
    if (!this.redis || !this.redisService.isReady) {
      return this.knownLocalRefusal(bucket, limit, windowMs);
    }
    return this.rememberedRefusal(bucket, limit, windowMs, performance.now());
  }

  /**
   * `knownRefusal` for a bucket spent only in process (`consumeLocally`), whatever Redis's state:
   * the refusal `consumeLocally` would give now, without spending anything.
   */
  knownLocalRefusal(
    bucket: string,
    limit: number,
    windowMs = 60_000,
  ): RateLimitDecision | undefined {
    const state = this.local.get(bucket);
    if (state === undefined) return undefined;
    const { state: next, decision } = gcra(state, Date.now(), limit, windowMs);
    if (decision.allowed) return undefined;
    // What consumeLocally stores on a refusal: the bucket rescaled if the limit changed.
    this.local.set(bucket, next);
    return decision;
  }

  /** A refusal Redis gave this bucket at this limit and window, until its retry time. */
  private rememberedRefusal(
    bucket: string,
    limit: number,
    windowMs: number,
    now: number,
  ): RateLimitDecision | undefined {
    const refused = this.refusals.get(bucket);
    if (refused === undefined || refused.limit !== limit || refused.windowMs !== windowMs) {
      return undefined;
    }
    return refused.until > now
      ? refusal(limit, refused.until - now, refused.whole - now)
      : undefined;
  }

  /** In-process only: for counters that must never cost a network round trip. */
  consumeLocally(bucket: string, limit: number, windowMs = 60_000): RateLimitDecision {
    const { state, decision } = gcra(this.local.get(bucket), Date.now(), limit, windowMs);
    this.local.set(bucket, state);
    return decision;
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

/** A refused request: the budget is empty until `retryMs` from now, whole after `resetMs`. */
function refusal(limit: number, retryMs: number, resetMs: number): RateLimitDecision {
  return {
    allowed: false,
    limit,
    remaining: 0,
    resetSeconds: Math.ceil(resetMs / 1000),
    retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)),
  };
}
