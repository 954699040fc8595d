import { ExecutionContext, Global, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { normalizeEmail } from '../users/email';
import { GcraThrottlerStorage } from './rate-limit.storage';
import { RateLimiterService } from './rate-limiter.service';

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

/**
 * All rate limiting: the GCRA limiter (Redis or in process) and @nestjs/throttler on top of it
 * for the sign-in/up limits (its guard runs only on the routes marked @AuthRateLimited()). Global so that ThrottlerModule's own providers can use our storage.
 */
@Global()
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, GcraThrottlerStorage],
      useFactory: (config: AppConfig, storage: GcraThrottlerStorage) => {
        return {
          storage,
          throttlers: [
            {
              name: 'ip',
              ttl: config.authRateLimit.windowMs,
              limit: config.authRateLimit.perIp,
              setHeaders: false,
              // One bucket across sign-up, sign-in and login (the default key is per handler).
              generateKey: (_context: ExecutionContext, tracker: string) => `auth-ip:${tracker}`,
            },
            {
              name: 'email',
              ttl: config.authRateLimit.windowMs,
              limit: config.authRateLimit.perEmail,
              setHeaders: false,
              getTracker: emailTracker,
              generateKey: (_context: ExecutionContext, tracker: string) => `auth-email:${tracker}`,
            },
          ],
        };
      },
    }),
  ],
  providers: [RateLimiterService, GcraThrottlerStorage],
  exports: [RateLimiterService, GcraThrottlerStorage],
})
export class RateLimitModule {}
