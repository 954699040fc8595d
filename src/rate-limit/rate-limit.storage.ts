import { Injectable } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { RateLimitDecision } from './gcra';
import { RateLimiterService } from './rate-limiter.service';

/** @nestjs/throttler's storage contract on top of our GCRA buckets (Redis or in process). */
@Injectable()
export class GcraThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly limiter: RateLimiterService) {}

  increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    return this.limiter.consume(key, limit, ttl).then(toRecord);
  }

  /** `increment`, when the limiter can answer without I/O (RateLimiterService.consumeNow). */
  incrementNow(key: string, ttl: number, limit: number): ThrottlerStorageRecord | undefined {
    const decision = this.limiter.consumeNow(key, limit, ttl);
    return decision === undefined ? undefined : toRecord(decision);
  }
}

function toRecord(decision: RateLimitDecision): ThrottlerStorageRecord {
  return {
    totalHits: decision.limit - decision.remaining,
    timeToExpire: decision.resetSeconds,
    isBlocked: !decision.allowed,
    timeToBlockExpire: decision.retryAfterSeconds,
  };
}
