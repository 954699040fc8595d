import { LRUCache } from 'lru-cache';
import type { LocalRateLimiter, RateLimitDecision, RateLimiter } from './gcra';

/** The script's answer: granted, remaining, resetMs, retryMs, the bucket's tat (Redis clock). */
export type GcraReply = [number, number, number, number, number];

/** What an earlier lease left unspent, given back with the next call (see GCRA_LUA). */
export interface GiveBack {
  unspent: number;
  limit: number;
  tat: number;
}

/** How this limiter reaches Redis: the GCRA script for a bucket, and whether Redis is up. */
export interface GcraStore {
  readonly ready: boolean;
  /** May throw (synchronously) or reject when Redis is unreachable. */
  run(
    bucket: string,
    limit: number,
    windowMs: number,
    wanted: number,
    giveBack?: GiveBack,
  ): Promise<GcraReply>;
  reportFailure(err: unknown): void;
}

/**
 * GCRA in Redis, one script call per request, shared by all instances; in process (`fallback`)
 * while Redis is down or when a call fails.
 */
export class RedisRateLimiter implements RateLimiter {
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

  constructor(
    private readonly store: GcraStore,
    readonly fallback: LocalRateLimiter,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get ready(): boolean {
    return this.store.ready;
  }

  consume(bucket: string, limit: number, windowMs: number): Promise<RateLimitDecision> {
    const decided = this.decideNow(bucket, limit, windowMs);
    return decided !== undefined
      ? Promise.resolve(decided)
      : this.consumeEach(bucket, limit, windowMs);
  }

  /** The answer when it needs no I/O: in process while Redis is down, or a remembered refusal. */
  decideNow(bucket: string, limit: number, windowMs: number): RateLimitDecision | undefined {
    if (!this.store.ready) return this.fallback.consumeNow(bucket, limit, windowMs);
    return this.rememberedRefusal(bucket, limit, windowMs);
  }

  /** A refusal known without I/O and without spending anything; else undefined. */
  knownRefusal(bucket: string, limit: number, windowMs: number): RateLimitDecision | undefined {
    if (!this.store.ready) return this.fallback.knownRefusal(bucket, limit, windowMs);
    return this.rememberedRefusal(bucket, limit, windowMs);
  }

  /** One request asked of Redis; the in-process bucket if Redis fails. */
  consumeEach(
    bucket: string,
    limit: number,
    windowMs: number,
    giveBack?: GiveBack,
  ): Promise<RateLimitDecision> {
    const fallBack = (err: unknown): RateLimitDecision =>
      this.fallBack(err, bucket, limit, windowMs);
    let reply: Promise<GcraReply>;
    try {
      reply = this.ask(bucket, limit, windowMs, 1, giveBack);
    } catch (err) {
      return Promise.resolve(fallBack(err));
    }
    return reply.then(([allowed, remaining, resetMs, retryMs]) => {
      if (allowed !== 1) return refusal(limit, retryMs, resetMs);
      return {
        allowed: true,
        limit,
        remaining,
        resetSeconds: Math.ceil(resetMs / 1000),
        retryAfterSeconds: 0,
      };
    }, fallBack);
  }

  /** One script call; a refusal is remembered until its retry time. May throw or reject. */
  ask(
    bucket: string,
    limit: number,
    windowMs: number,
    wanted: number,
    giveBack?: GiveBack,
  ): Promise<GcraReply> {
    return this.store.run(bucket, limit, windowMs, wanted, giveBack).then((reply) => {
      const [granted, , resetMs, retryMs] = reply;
      if (granted === 0) {
        const now = this.now();
        this.refusals.set(bucket, { limit, windowMs, until: now + retryMs, whole: now + resetMs });
      }
      return reply;
    });
  }

  /** Redis failed: it is reported, and the request is decided in process. */
  fallBack(err: unknown, bucket: string, limit: number, windowMs: number): RateLimitDecision {
    this.reportFailure(err);
    return this.fallback.consumeNow(bucket, limit, windowMs);
  }

  reportFailure(err: unknown): void {
    this.store.reportFailure(err);
  }

  private rememberedRefusal(
    bucket: string,
    limit: number,
    windowMs: number,
  ): RateLimitDecision | undefined {
    const refused = this.refusals.get(bucket);
    if (refused === undefined || refused.limit !== limit || refused.windowMs !== windowMs) {
      return undefined;
    }
    const now = this.now();
    return refused.until > now
      ? refusal(limit, refused.until - now, refused.whole - now)
      : undefined;
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
