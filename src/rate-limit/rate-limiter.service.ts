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

  async consume(bucket: string, limit: number, windowMs = 60_000): Promise<RateLimitDecision> {
    if (this.redis && this.redisService.isReady) {
      try {
        const [allowed, remaining, resetMs, retryMs] = await this.redis.keywardGcra(
          `kw:rl:{${bucket}}`,
          limit,
          windowMs,
        );
        return {
          allowed: allowed === 1,
          limit,
          remaining,
          resetSeconds: Math.ceil(resetMs / 1000),
          retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil(retryMs / 1000)),
        };
      } catch (err) {
        this.redisService.reportFailure(err);
      }
    }
    return this.consumeLocally(bucket, limit, windowMs);
  }

  /** In-process only: for counters that must never cost a network round trip. */
  consumeLocally(bucket: string, limit: number, windowMs = 60_000): RateLimitDecision {
    const { state, decision } = gcra(this.local.get(bucket), Date.now(), limit, windowMs);
    this.local.set(bucket, state);
    return decision;
  }
}
