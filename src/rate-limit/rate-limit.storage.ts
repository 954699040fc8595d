import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { RateLimiterService } from './rate-limiter.service';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** @nestjs/throttler's storage contract on top of our GCRA buckets (Redis or in process). */
@Injectable()
export class GcraThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly limiter: RateLimiterService) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const decision = await this.limiter.consume(key, limit, ttl);
    return {
      totalHits: decision.limit - decision.remaining,
      timeToExpire: decision.resetSeconds,
      isBlocked: !decision.allowed,
      timeToBlockExpire: decision.retryAfterSeconds,
    };
  }
}
