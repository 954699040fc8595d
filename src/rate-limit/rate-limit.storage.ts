import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { RateLimiterService } from './rate-limiter.service';

/** @nestjs/throttler's storage contract on top of our GCRA buckets (Redis or in process). */
@Injectable()
export class GcraThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly limiter: RateLimiterService) {}

  increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    return this.limiter.consume(key, limit, ttl).then((decision) => ({
      totalHits: limit - decision.remaining,
      timeToExpire: decision.resetSeconds,
      isBlocked: !decision.allowed,
      timeToBlockExpire: decision.retryAfterSeconds,
    }));
  }
}
