import { Module } from '@nestjs/common';
import { GcraThrottlerStorage } from './rate-limit.storage';
import { RateLimiterService } from './rate-limiter.service';

@Module({
  providers: [RateLimiterService, GcraThrottlerStorage],
  exports: [RateLimiterService, GcraThrottlerStorage],
})
export class RateLimiterModule {}
