import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import {
  ThrottlerGuard,
  type Resolvable,
  type ThrottlerGenerateKeyFunction,
  type ThrottlerGetTrackerFunction,
  type ThrottlerLimitDetail,
  type ThrottlerOptions,
} from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { RateLimitedError } from '../common/errors';
import { perRoute } from '../common/route-metadata';

export const AUTH_RATE_LIMITED = 'keyward:auth-rate-limited';

/** Marks sign-in/sign-up routes: limited per client IP and per email address. */
export const AuthRateLimited = (): MethodDecorator & ClassDecorator =>
  SetMetadata(AUTH_RATE_LIMITED, true);

// @nestjs/throttler's metadata keys (its decorators write them; the package does not export them).
const THROTTLER_SKIP = 'THROTTLER:SKIP';
const THROTTLER_LIMIT = 'THROTTLER:LIMIT';
const THROTTLER_TTL = 'THROTTLER:TTL';
const THROTTLER_BLOCK_DURATION = 'THROTTLER:BLOCK_DURATION';
const THROTTLER_TRACKER = 'THROTTLER:TRACKER';
const THROTTLER_KEY_GENERATOR = 'THROTTLER:KEY_GENERATOR';

/** One named throttler as it applies to one route, decorators already read. */
interface RouteThrottler {
  throttler: ThrottlerOptions;
  limit: Resolvable<number>;
  ttl: Resolvable<number>;
  blockDuration: Resolvable<number> | undefined;
  getTracker: ThrottlerGetTrackerFunction;
  generateKey: ThrottlerGenerateKeyFunction;
}

/**
 * One global throttler guard, after authentication: the `default` throttler spends the caller's
 * budget (an API key's own `rate_limit_per_minute`, or the per-user session limit), and the
 * `ip`/`email` throttlers guard the routes marked @AuthRateLimited. 429s use the contract's shape.
 *
 * `canActivate` is @nestjs/throttler's own, except that a route's decorators (@SkipThrottle,
 * @Throttle and the per-throttler overrides) are read once per route instead of six Reflector
 * lookups per throttler per request; `handleRequest`, the storage call and the headers are the
 * library's.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly routeThrottlers = perRoute((handler, controller) =>
    this.throttlers.flatMap((throttler): RouteThrottler[] => {
      const read = <T>(key: string): T | undefined =>
        this.reflector.getAllAndOverride<T>(key + String(throttler.name), [handler, controller]);
      if (read<boolean>(THROTTLER_SKIP)) return [];
      return [
        {
          throttler,
          limit: read<Resolvable<number>>(THROTTLER_LIMIT) ?? throttler.limit,
          ttl: read<Resolvable<number>>(THROTTLER_TTL) ?? throttler.ttl,
          blockDuration:
            read<Resolvable<number>>(THROTTLER_BLOCK_DURATION) ?? throttler.blockDuration,
          getTracker:
            read<ThrottlerGetTrackerFunction>(THROTTLER_TRACKER) ??
            throttler.getTracker ??
            this.commonOptions.getTracker!,
          generateKey:
            read<ThrottlerGenerateKeyFunction>(THROTTLER_KEY_GENERATOR) ??
            throttler.generateKey ??
            this.commonOptions.generateKey!,
        },
      ];
    }),
  );

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    for (const route of this.routeThrottlers(context)) {
      const skipIf = route.throttler.skipIf ?? this.commonOptions.skipIf;
      if (skipIf?.(context)) continue;
      // Awaited only when an option returned a promise: every `await` is a microtask turn.
      let limit = resolve(context, route.limit, 'limit');
      if (typeof limit !== 'number') limit = await limit;
      let ttl = resolve(context, route.ttl, 'ttl');
      if (typeof ttl !== 'number') ttl = await ttl;
      let blockDuration =
        route.blockDuration === undefined
          ? ttl
          : resolve(context, route.blockDuration, 'blockDuration');
      if (typeof blockDuration !== 'number') blockDuration = await blockDuration;
      await this.handleRequest({
        context,
        limit,
        ttl,
        blockDuration,
        throttler: route.throttler,
        getTracker: route.getTracker,
        generateKey: route.generateKey,
      });
    }
    return true;
  }

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

/** A throttler option's value for this request; a promise only if the option returned one. */
function resolve(
  context: ExecutionContext,
  value: Resolvable<number>,
  option: string,
): number | Promise<number> {
  const resolved = typeof value === 'function' ? value(context) : value;
  if (resolved instanceof Promise) return resolved.then((v) => checked(v, option));
  return checked(resolved, option);
}

function checked(value: unknown, option: string): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new Error(`Invalid throttler ${option}: expected a number, got ${String(value)}`);
  }
  return value;
}
