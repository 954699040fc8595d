import { ExecutionContext, Module } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { perRoute } from '../common/route-metadata';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { normalizeEmail } from '../users/email';
import { keyBucket, userBucket } from './buckets';
import { AUTH_RATE_LIMITED } from './rate-limit.guard';
import { GcraThrottlerStorage } from './rate-limit.storage';
import { RateLimiterModule } from './rate-limiter.module';

const requestOf = (context: ExecutionContext): FastifyRequest =>
  context.switchToHttp().getRequest<FastifyRequest>();

/**
 * Sign-in/up are limited per email as well as per IP, but per (client IP, email) pair: a
 * guesser's failures spend only its own IPs' buckets, so strangers cannot lock the owner out
 * (OWASP). A body without an email counts against its IP alone.
 */
function emailTracker(req: Record<string, unknown>): string {
  const body = req.body as { email?: unknown } | undefined;
  const email = typeof body?.email === 'string' ? normalizeEmail(body.email) : '';
  return email ? `${String(req.ip)}|${email}` : `ip:${String(req.ip)}`;
}

@Module({
  imports: [
    RateLimiterModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimiterModule],
      inject: [APP_CONFIG, GcraThrottlerStorage],
      useFactory: (config: AppConfig, storage: GcraThrottlerStorage) => {
        const reflector = new Reflector();
        const isAuthRoute = perRoute(
          (handler, controller) =>
            reflector.getAllAndOverride<boolean>(AUTH_RATE_LIMITED, [handler, controller]) === true,
        );
        return {
          storage,
          throttlers: [
            {
              // The caller's own budget; named `default` so its headers carry no suffix.
              name: 'default',
              ttl: 60_000,
              limit: (context: ExecutionContext) => {
                const principal = requestOf(context).principal;
                return principal?.kind === 'api_key'
                  ? principal.rateLimitPerMinute
                  : config.sessionRateLimitPerMinute;
              },
              skipIf: (context: ExecutionContext) => requestOf(context).principal === undefined,
              getTracker: (req: Record<string, unknown>) => {
                const principal = (req as unknown as FastifyRequest).principal;
                return principal?.kind === 'api_key'
                  ? keyBucket(principal.apiKeyId)
                  : userBucket(String(principal?.userId));
              },
              generateKey: (_context: ExecutionContext, tracker: string) => tracker,
            },
            {
              name: 'ip',
              ttl: config.authRateLimit.windowMs,
              limit: config.authRateLimit.perIp,
              setHeaders: false,
              skipIf: (context: ExecutionContext) => !isAuthRoute(context),
              generateKey: (_context: ExecutionContext, tracker: string) => `auth-ip:${tracker}`,
            },
            {
              name: 'email',
              ttl: config.authRateLimit.windowMs,
              limit: config.authRateLimit.perEmail,
              setHeaders: false,
              skipIf: (context: ExecutionContext) => !isAuthRoute(context),
              getTracker: emailTracker,
              generateKey: (_context: ExecutionContext, tracker: string) => `auth-email:${tracker}`,
            },
          ],
        };
      },
    }),
  ],
  exports: [RateLimiterModule, ThrottlerModule],
})
export class RateLimitModule {}
