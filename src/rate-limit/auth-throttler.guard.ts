import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { RateLimitedError } from '../common/errors';

export const AUTH_RATE_LIMITED = 'keyward:auth-rate-limited';

/** Marks sign-in/sign-up routes: limited per client IP and per (IP, email). */
export const AuthRateLimited = (): MethodDecorator & ClassDecorator =>
  SetMetadata(AUTH_RATE_LIMITED, true);

/**
 * The library's ThrottlerGuard running the `ip` and `email` throttlers (RateLimitModule), which
 * skip every route not marked @AuthRateLimited(); only its 429 is ours, in the contract's shape.
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
