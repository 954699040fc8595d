import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import passport from 'passport';
import type { FastifyRequest } from 'fastify';
import { ApiKeyAuthService } from '../api-keys/api-key-auth.service';
import {
  MissingCredentialsError,
  UnauthorizedError,
  UserSessionRequiredError,
} from '../common/errors';
import { perRoute } from '../common/route-metadata';
import { IS_PUBLIC, REFUSES_API_KEYS } from './auth.decorators';
import { readCredential } from './credentials';
import { BadCredentialsGate } from './bad-credentials.gate';
import { JwtStrategy } from './jwt.strategy';
import type { Principal } from './principal';

/**
 * Global guard 1 of 3 (authentication): deny by default, `@Public()` opts out. Sessions (JWT)
 * go through passport-jwt, API keys through ApiKeyAuthService. Then RateLimitGuard spends the
 * caller's budget and AuthorizationGuard checks what the route needs, so a keyed request counts
 * against its key even when it is refused for scope.
 */
@Injectable()
export class CredentialsGuard implements CanActivate {
  private readonly routeAccess = perRoute((handler, controller) => ({
    isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, controller]) === true,
    refusesApiKeys: this.reflector.get<boolean>(REFUSES_API_KEYS, handler) === true,
    /**
     * Reported to BadCredentialsGate, once per handler (reading the Fastify route's flag costs
     * an object per request): a handler first reached through Fastify's automatic HEAD route
     * leaves its GET route on the guard's path, which answers the same, only dearer.
     */
    reported: false,
  }));

  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyAuthService,
    private readonly jwtStrategy: JwtStrategy,
    private readonly badCredentials: BadCredentialsGate,
  ) {}

  /** Synchronous when the answer needs no I/O (a public route, a cached key, a bad key). */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const access = this.routeAccess(context);
    if (access.isPublic) {
      if (access.refusesApiKeys && readCredential(request).kind === 'api_key') {
        throw new UserSessionRequiredError();
      }
      return true;
    }
    if (!access.reported) {
      access.reported = true;
      this.badCredentials.protect(request);
    }
    const refuse = (err: unknown): never => {
      if (err instanceof UnauthorizedError) this.badCredentials.spend(request);
      throw err;
    };
    let principal: Readonly<Principal> | Promise<Readonly<Principal>>;
    try {
      principal = this.authenticate(request);
    } catch (err) {
      return refuse(err);
    }
    if (principal instanceof Promise) {
      return principal.then((settled) => {
        request.principal = settled;
        return true;
      }, refuse);
    }
    request.principal = principal;
    return true;
  }

  private authenticate(
    request: FastifyRequest,
  ): Readonly<Principal> | Promise<Readonly<Principal>> {
    const credential = readCredential(request);
    if (credential.kind === 'none') {
      throw new MissingCredentialsError();
    }
    if (credential.kind === 'api_key') {
      const checked = request.wellFormedKey === credential.key;
      // A key not cached costs a lookup: not for an IP already past its failure budget.
      return this.apiKeys.authenticate(
        credential.key,
        checked,
        checked ? (request.keyDigest ?? undefined) : undefined,
        () => this.badCredentials.refuseSpentIp(request),
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
        reject(
          err instanceof Error
            ? err
            : new UnauthorizedError('invalid_token', 'Access token is invalid'),
        ),
      );
    });
  }

  /** passport-jwt's verdict, translated into the contract's codes. */
  private toPrincipal(err: unknown, user: Principal | false, info: unknown): Principal {
    if (err instanceof Error) throw err;
    if (err || !user) {
      if (info instanceof Error && info.name === 'TokenExpiredError') {
        throw new UnauthorizedError('token_expired', 'Access token has expired');
      }
      throw new UnauthorizedError('invalid_token', 'Access token is invalid');
    }
    return user;
  }
}
