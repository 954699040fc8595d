import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';
import { RateLimitModule } from '../rate-limit/rate-limit.module';
import { AuthorizationGuard } from './authorization.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BadCredentialsGate } from './bad-credentials.gate';
import { CredentialsGuard } from './credentials.guard';
import { JwtStrategy } from './jwt.strategy';
import { PasswordService } from './password.service';
import { SessionsModule } from './sessions.module';

@Module({
  imports: [
    UsersModule,
    ApiKeysModule,
    PassportModule,
    SessionsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.secret,
        signOptions: {
          algorithm: 'HS256',
          expiresIn: config.jwt.accessTtlSeconds,
          issuer: config.jwt.issuer,
          audience: config.jwt.audience,
        },
        verifyOptions: {
          algorithms: ['HS256'],
          issuer: config.jwt.issuer,
          audience: config.jwt.audience,
        },
      }),
    }),
    RateLimitModule,
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    PasswordService,
    JwtStrategy,
    BadCredentialsGate,
    // Global guards run in this order: authenticate, spend the caller's budget, authorize.
    { provide: APP_GUARD, useClass: CredentialsGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthorizationGuard },
  ],
})
export class AuthModule {}
