import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { RateLimitedError } from '../common/errors';

export const AUTH_RATE_LIMITED = 'keyward:auth-rate-limited';

/** Marks sign-in/sign-up routes: limited per client IP and per email address. */
export const AuthRateLimited = (): MethodDecorator & ClassDecorator =>
  SetMetadata(AUTH_RATE_LIMITED, true);

/**
 * One global throttler guard, after authentication: the `default` throttler spends the caller's
 * budget (an API key's own `rate_limit_per_minute`, or the per-user session limit), and the
 * `ip`/`email` throttlers guard the routes marked @AuthRateLimited. 429s use the contract's shape.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const perCaller = request.principal !== undefined && detail.key.startsWith('caller:');
    throw new RateLimitedError(
      detail.timeToBlockExpire,
      perCaller
        ? {
            'X-RateLimit-Limit': String(detail.limit),
            'X-RateLimit-Remaining': '0',
            'X-RateLimit-Reset': String(detail.timeToExpire),
          }
        : {},
    );
  }
}
