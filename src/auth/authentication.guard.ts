import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import passport from 'passport';
import type { FastifyRequest } from 'fastify';
import { ApiKeyAuthService } from '../api-keys/api-key-auth.service';
import { ErrorCode } from '../common/error-codes';
import {
  InvalidAccessTokenError,
  MissingCredentialsError,
  UnauthorizedError,
  UserSessionRequiredError,
} from '../common/errors';
import { AuthFailureBudget } from './auth-failure-budget';
import { IS_PUBLIC, REFUSES_API_KEYS } from './auth.decorators';
import { readCredential } from './credentials';
import { JwtStrategy } from './jwt.strategy';
import type { Principal } from './principal';

/**
 * Pipeline step 1: who is calling. Deny by default; `@Public()` opts out. Sessions (JWT) go
 * through passport-jwt, API keys through ApiKeyAuthService. Every 401 spends the client IP's
 * failure budget, and an IP past it is refused before its credential costs a lookup.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyAuthService,
    private readonly jwtStrategy: JwtStrategy,
    private readonly failures: AuthFailureBudget,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      const refusesApiKeys = this.reflector.get<boolean>(REFUSES_API_KEYS, context.getHandler());
      if (refusesApiKeys && readCredential(request).kind === 'api_key') {
        throw new UserSessionRequiredError();
      }
      return true;
    }
    try {
      request.principal = await this.authenticate(request);
      return true;
    } catch (err) {
      if (err instanceof UnauthorizedError) this.failures.spend(request.ip);
      throw err;
    }
  }

  private async authenticate(request: FastifyRequest): Promise<Readonly<Principal>> {
    const credential = readCredential(request);
    if (credential.kind === 'none') {
      throw new MissingCredentialsError();
    }
    if (credential.kind === 'api_key') {
      return this.apiKeys.authenticate(credential.key, () =>
        this.failures.refuseIfSpent(request.ip),
      );
    }
    return this.authenticateSession(request);
  }

  /**
   * passport-jwt through passport, handed this app's own strategy instance rather than a name:
   * passport's strategy registry is process-global, so by name a second app in the same
   * process (tests run two instances side by side) would answer with the other's strategy.
   */
  private authenticateSession(request: FastifyRequest): Promise<Principal> {
    return new Promise((resolve, reject) => {
      // A fresh object per request: passport attaches its success/fail callbacks to the
      // instance it is given, so sharing one across concurrent requests would cross them.
      const perRequest = Object.create(this.jwtStrategy) as JwtStrategy;
      const handler = passport.authenticate(
        perRequest,
        { session: false },
        (err: unknown, user: Principal | false, info: unknown) => {
          try {
            resolve(this.toPrincipal(err, user, info));
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        },
      ) as (req: unknown, res: unknown, next: (err?: unknown) => void) => void;
      handler(request, undefined, (err?: unknown) =>
        reject(err instanceof Error ? err : new InvalidAccessTokenError()),
      );
    });
  }

  /** passport-jwt's verdict, translated into the contract's codes. */
  private toPrincipal(err: unknown, user: Principal | false, info: unknown): Principal {
    if (err instanceof Error) throw err;
    if (err || !user) {
      if (info instanceof Error && info.name === 'TokenExpiredError') {
        throw new UnauthorizedError(ErrorCode.TokenExpired, 'Access token has expired');
      }
      throw new InvalidAccessTokenError();
    }
    return user;
  }
}
