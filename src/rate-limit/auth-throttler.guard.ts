import { ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { RateLimitedError } from '../common/errors';

/**
 * The library's ThrottlerGuard running the `ip` and `email` throttlers (RateLimitModule); only
 * its 429 is ours, in the contract's shape.
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new RateLimitedError(detail.timeToBlockExpire);
  }
}

/**
 * Sign-in/sign-up routes: limited per client IP and per (IP, email), after the global pipeline.
 * A guard of these routes only, so no other request pays for the throttler's lookups.
 */
export const AuthRateLimited = (): MethodDecorator & ClassDecorator =>
  UseGuards(AuthThrottlerGuard);
