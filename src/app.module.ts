import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthenticationGuard } from './auth/authentication.guard';
import { AuthModule } from './auth/auth.module';
import { AuthorizationGuard } from './auth/authorization.guard';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { CallerBudgetGuard } from './rate-limit/caller-budget.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RedisModule } from './redis/redis.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        RateLimitModule,
        HealthModule,
        UsersModule,
        AuthModule,
        ApiKeysModule,
        WebhooksModule,
      ],
      // The request pipeline. Guards run in this order, each deciding one thing: who calls
      // (401), the caller's own budget (429), what the route allows (403). Sign-in and sign-up
      // add their own per-IP and per-email limits (429, @AuthRateLimited). Then the body is
      // validated (400); every failure becomes the contract's error body in the one filter.
      providers: [
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: CallerBudgetGuard },
        { provide: APP_GUARD, useClass: AuthorizationGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}
