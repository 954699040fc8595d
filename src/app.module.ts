import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { CreditsGuard } from './api-keys/credits.guard';
import { KeyAllowlistGuard } from './api-keys/key-allowlist.guard';
import { AuditModule } from './audit/audit.module';
import { AuthenticationGuard } from './auth/authentication.guard';
import { AuthModule } from './auth/auth.module';
import { AuthorizationGuard } from './auth/authorization.guard';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { ClockModule } from './common/clock.module';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { CallerBudgetGuard } from './rate-limit/caller-budget.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RedisModule } from './redis/redis.module';
import { UsageModule } from './usage/usage.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule,
        DatabaseModule,
        RedisModule,
        MetricsModule,
        UsageModule,
        RateLimitModule,
        AuditModule,
        HealthModule,
        UsersModule,
        AuthModule,
        ApiKeysModule,
        WebhooksModule,
      ],
      // The request pipeline. Guards run in this order, each deciding one thing: who calls
      // (401), whether a key may be used from this address (403 ip_not_allowed), the caller's
      // own budget (429), what the route allows (403), and a key's credits (403
      // credits_exhausted), spent last so that no refused request costs one. Sign-in and
      // sign-up add their own per-IP and per-email limits (429, @AuthRateLimited). Then the
      // body is validated (400); every failure becomes the contract's error body in the one
      // filter.
      providers: [
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: KeyAllowlistGuard },
        { provide: APP_GUARD, useClass: CallerBudgetGuard },
        { provide: APP_GUARD, useClass: AuthorizationGuard },
        { provide: APP_GUARD, useClass: CreditsGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
