import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { RedisService } from '../redis/redis.service';

/**
 * Redis is not needed to serve: without it, rate limits fall back to in-process counters. So
 * readiness stays up and reports the degradation instead of taking the instance out.
 */
@Injectable()
export class RedisIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly redis: RedisService,
  ) {}

  check(key: string): HealthIndicatorResult {
    const session = this.indicator.check(key);
    if (!this.redis.isConfigured) return session.up({ mode: 'not configured (in-process limits)' });
    return this.redis.isReady
      ? session.up({ mode: 'shared' })
      : session.up({ mode: 'degraded', detail: 'Redis unreachable: in-process rate limits' });
  }
}
