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
import { markCallerBudget } from '../auth/bad-credentials.gate';
import { callerRateLimited } from './caller-limit';
import { GcraThrottlerStorage } from './rate-limit.storage';

export const AUTH_RATE_LIMITED = 'keyward:auth-rate-limited';

/** Marks sign-in/sign-up routes: limited per client IP and per email address. */
export const AuthRateLimited = (): MethodDecorator & ClassDecorator =>
  SetMetadata(AUTH_RATE_LIMITED, true);

const TRUE = Promise.resolve(true);

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
  /**
   * The caller's own budget as configured (the `default` throttler, no decorator overriding its
   * limit, tracker or key, a fixed window): BadCredentialsGate may refuse it before routing, and
   * this guard decides it without a promise when the limiter can.
   */
  plainCaller: boolean;
}

/**
 * One global throttler guard, after authentication: the `default` throttler spends the caller's
 * budget (an API key's own `rate_limit_per_minute`, or the per-user session limit), and the
 * `ip`/`email` throttlers guard the routes marked @AuthRateLimited. 429s use the contract's shape.
 *
 * `canActivate` follows @nestjs/throttler's own, except that a route's decorators (@SkipThrottle,
 * @Throttle and the per-throttler overrides) are read once per route instead of six Reflector
 * lookups per throttler per request, that the library's `shouldSkip` hook (a no-op we do not
 * override) is not called, and that the caller's budget, when the limiter can decide it without
 * I/O, is answered without `handleRequest`'s promises (`decideNow`, the same headers and 429);
 * otherwise `handleRequest`, the storage call and the headers are the library's.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  private readonly routeThrottlers = perRoute((handler, controller) =>
    this.throttlers.flatMap((throttler): RouteThrottler[] => {
      const read = <T>(key: string): T | undefined =>
        this.reflector.getAllAndOverride<T>(key + String(throttler.name), [handler, controller]);
      if (read<boolean>(THROTTLER_SKIP)) return [];
      const route = {
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
      };
      const plainCaller =
        throttler.name === 'default' &&
        route.limit === throttler.limit &&
        route.getTracker === throttler.getTracker &&
        route.generateKey === throttler.generateKey &&
        typeof route.ttl === 'number' &&
        (throttler.ignoreUserAgents ?? this.commonOptions.ignoreUserAgents) === undefined &&
        (throttler.setHeaders ?? this.commonOptions.setHeaders ?? true);
      return [{ ...route, plainCaller }];
    }),
  );

  /** Reported to BadCredentialsGate once per handler, as CredentialsGuard reports its routes. */
  private readonly reported = perRoute(() => ({ done: false }));

  override canActivate(context: ExecutionContext): Promise<boolean> {
    const throttlers = this.routeThrottlers(context);
    const report = this.reported(context);
    if (!report.done) {
      report.done = true;
      this.reportCallerBudget(context, throttlers);
    }
    const applicable = throttlers.filter((route) => {
      const skipIf = route.throttler.skipIf ?? this.commonOptions.skipIf;
      return !skipIf?.(context);
    });
    if (applicable.length === 0) return TRUE;
    // One throttler (a caller's budget on an ordinary route): its promise as is, one async
    // frame fewer on every request, and on every 429 one rejection hop fewer.
    if (applicable.length === 1) return this.throttle(context, applicable[0]);
    return applicable.reduce<Promise<boolean>>(
      (previous, route) => previous.then(() => this.throttle(context, route)),
      TRUE,
    );
  }

  /**
   * A route whose caller budget is the plain `default` throttler (its limit the caller's own,
   * its window a fixed number; no @SkipThrottle or @Throttle override) lets BadCredentialsGate
   * answer a key whose budget is known to be spent before routing: the same 429 this guard would
   * give, decided by the same bucket.
   */
  private reportCallerBudget(context: ExecutionContext, throttlers: RouteThrottler[]): void {
    const caller = throttlers.find((route) => route.plainCaller);
    if (caller !== undefined && typeof caller.ttl === 'number') {
      markCallerBudget(context.switchToHttp().getRequest<FastifyRequest>(), caller.ttl);
    }
  }

  /**
   * The caller's budget decided without I/O (in process, a lease, a known refusal): what
   * `handleRequest` does with the storage's record (the same three headers, or the same 429),
   * without its two awaits and the storage's promise; the bulk of keyed traffic goes this way.
   * Undefined: the limiter must ask Redis, through `handleRequest`.
   */
  private decideNow(
    context: ExecutionContext,
    route: RouteThrottler,
    limit: number,
    ttl: number,
  ): Promise<boolean> | undefined {
    if (!(this.storageService instanceof GcraThrottlerStorage)) return undefined;
    const http = context.switchToHttp();
    const tracker = route.getTracker(http.getRequest<Record<string, unknown>>(), context);
    if (typeof tracker !== 'string') return undefined;
    const key = route.generateKey(context, tracker, route.throttler.name!);
    const record = this.storageService.incrementNow(key, ttl, limit);
    if (record === undefined) return undefined;
    if (record.isBlocked)
      throw callerRateLimited(limit, record.timeToExpire, record.timeToBlockExpire);
    const reply = http.getResponse<Record<string, unknown>>();
    this.setResponseHeader(reply, `${this.headerPrefix}-Limit`, limit);
    this.setResponseHeader(
      reply,
      `${this.headerPrefix}-Remaining`,
      Math.max(0, limit - record.totalHits),
    );
    this.setResponseHeader(reply, `${this.headerPrefix}-Reset`, record.timeToExpire);
    return TRUE;
  }

  private throttle(context: ExecutionContext, route: RouteThrottler): Promise<boolean> {
    const limit = resolve(context, route.limit, 'limit');
    const ttl = resolve(context, route.ttl, 'ttl');
    const blockDuration =
      route.blockDuration === undefined
        ? ttl
        : resolve(context, route.blockDuration, 'blockDuration');
    const request = (values: [number, number, number]): Promise<boolean> =>
      this.handleRequest({
        context,
        limit: values[0],
        ttl: values[1],
        blockDuration: values[2],
        throttler: route.throttler,
        getTracker: route.getTracker,
        generateKey: route.generateKey,
      });
    // Awaited only when an option returned a promise: every `await` is a microtask turn.
    if (typeof limit === 'number' && typeof ttl === 'number' && typeof blockDuration === 'number') {
      return (
        (route.plainCaller ? this.decideNow(context, route, limit, ttl) : undefined) ??
        request([limit, ttl, blockDuration])
      );
    }
    return Promise.all([limit, ttl, blockDuration]).then(request);
  }

  protected override throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const perCaller = request.principal !== undefined && detail.key.startsWith('caller:');
    throw perCaller
      ? callerRateLimited(detail.limit, detail.timeToExpire, detail.timeToBlockExpire)
      : new RateLimitedError(detail.timeToBlockExpire);
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
