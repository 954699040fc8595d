import { Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { RedisService } from '../redis/redis.service';
import { GCRA_LUA, gcra, type GcraState, type RateLimitDecision } from './gcra';

type GcraRedis = Redis & {
  keywardGcra(
    key: string,
    limit: number,
    windowMs: number,
  ): Promise<[number, number, number, number]>;
};

/**
 * Consumes one request from a bucket: in Redis when configured (one script call, shared by all
 * instances), else, or while Redis is unreachable, in process.
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
  private readonly redis: GcraRedis | null;

  constructor(private readonly redisService: RedisService) {
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

  /** Not an async function on purpose: one promise per request, not a chain of them. */
  consume(bucket: string, limit: number, windowMs = 60_000): Promise<RateLimitDecision> {
    if (!this.redis || !this.redisService.isReady) {
      return Promise.resolve(this.consumeLocally(bucket, limit, windowMs));
    }
    const refused = this.refusals.get(bucket);
    if (refused !== undefined && refused.limit === limit && refused.windowMs === windowMs) {
      const now = performance.now();
      if (refused.until > now) {
        return Promise.resolve(refusal(limit, refused.until - now, refused.whole - now));
      }
    }
    const fallBack = (err: unknown): RateLimitDecision => {
      this.redisService.reportFailure(err);
      return this.consumeLocally(bucket, limit, windowMs);
    };
    let reply: Promise<[number, number, number, number]>;
    try {
      this.redisService.batchWrites();
      reply = this.redis.keywardGcra(`kw:rl:{${bucket}}`, limit, windowMs);
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
   * False when `knownRefusal` cannot refuse anything: with Redis, while no bucket was refused; in
   * process, while no bucket exists.
   */
  get mayRefuse(): boolean {
    return !this.redis || !this.redisService.isReady ? this.local.size > 0 : this.refusals.size > 0;
  }

  /**
   * The refusal `consume` would give now, if it can be known without I/O and without spending
   * anything; else undefined (the caller takes the ordinary path). With Redis: a bucket Redis
   * refused whose retry time has not come. In process: a bucket whose budget is empty, decided
   * and stored exactly as `consume` would (a GCRA refusal spends nothing).
   */
  knownRefusal(bucket: string, limit: number, windowMs = 60_000): RateLimitDecision | undefined {
    if (!this.redis || !this.redisService.isReady) {
      const state = this.local.get(bucket);
      if (state === undefined) return undefined;
      const { state: next, decision } = gcra(state, Date.now(), limit, windowMs);
      if (decision.allowed) return undefined;
      // What consumeLocally stores on a refusal: the bucket rescaled if the limit changed.
      this.local.set(bucket, next);
      return decision;
    }
    const refused = this.refusals.get(bucket);
    if (refused === undefined || refused.limit !== limit || refused.windowMs !== windowMs) {
      return undefined;
    }
    const now = performance.now();
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
