import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';
import { GCRA_LUA, LocalRateLimiter, type RateLimitDecision, type RateLimiter } from './gcra';
import { LeasingRateLimiter } from './leasing-rate-limiter';
import { type GcraReply, type GcraStore, RedisRateLimiter } from './redis-rate-limiter';

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

/**
 * The rate limiter the guards use: in Redis when configured (shared by all instances; see
 * RedisRateLimiter, and LeasingRateLimiter when RATE_LIMIT_LEASE_MS > 0), else, or while Redis
 * is unreachable, in process (LocalRateLimiter).
 */
@Injectable()
export class RateLimiterService {
  private readonly local = new LocalRateLimiter();
  private readonly redis: RedisRateLimiter | null;
  private readonly limiter: RateLimiter;

  constructor(
    private readonly redisService: RedisService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const client = redisService.client;
    if (!client) {
      this.redis = null;
      this.limiter = this.local;
      return;
    }
    client.defineCommand('keywardGcra', { numberOfKeys: 1, lua: GCRA_LUA });
    const gcraRedis = client as GcraRedis;
    const store: GcraStore = {
      get ready() {
        return redisService.isReady;
      },
      run(bucket, limit, windowMs, wanted, giveBack) {
        redisService.batchWrites();
        return gcraRedis.keywardGcra(
          `${config.redis!.keyPrefix}rl:{${bucket}}`,
          limit,
          windowMs,
          wanted,
          giveBack?.unspent ?? 0,
          giveBack?.limit ?? 0,
          giveBack?.tat ?? 0,
        );
      },
      reportFailure: (err) => redisService.reportFailure(err),
    };
    this.redis = new RedisRateLimiter(store, this.local);
    this.limiter =
      config.rateLimitLeaseMs > 0
        ? new LeasingRateLimiter(this.redis, config.rateLimitLeaseMs)
        : this.redis;
  }

  get shared(): boolean {
    return this.redis !== null && this.redisService.isReady;
  }

  consume(bucket: string, limit: number, windowMs = 60_000): Promise<RateLimitDecision> {
    return this.limiter.consume(bucket, limit, windowMs);
  }

  /**
   * The refusal `consume` would give now, if it can be known without I/O and without spending
   * anything; else undefined (the caller takes the ordinary path). With Redis: a bucket Redis
   * refused whose retry time has not come. In process: a bucket whose budget is empty, decided
   * and stored exactly as `consume` would (a GCRA refusal spends nothing).
   */
  knownRefusal(bucket: string, limit: number, windowMs = 60_000): RateLimitDecision | undefined {
    return (this.redis ?? this.local).knownRefusal(bucket, limit, windowMs);
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
    return this.local.knownRefusal(bucket, limit, windowMs);
  }

  /**
   * Up to `wanted` requests of a bucket at once, as many as its budget holds (a verify lease):
   * one script call with Redis (shared by every instance), in process without it or while it is
   * unreachable.
   */
  async take(
    bucket: string,
    limit: number,
    wanted: number,
    windowMs = 60_000,
  ): Promise<{ granted: number; remaining: number }> {
    if (this.redis === null || !this.redis.ready) {
      return this.local.takeNow(bucket, limit, windowMs, wanted);
    }
    try {
      const [granted, remaining] = await this.redis.ask(bucket, limit, windowMs, wanted);
      return { granted, remaining };
    } catch (err) {
      // Nothing leased rather than a lease Redis never counted.
      this.redis.reportFailure(err);
      return { granted: 0, remaining: 0 };
    }
  }

  /** In-process only: for counters that must never cost a network round trip. */
  consumeLocally(bucket: string, limit: number, windowMs = 60_000): RateLimitDecision {
    return this.local.consumeNow(bucket, limit, windowMs);
  }
}
