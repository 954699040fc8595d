import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ApiKeyAuthService } from '../api-keys/api-key-auth.service';
import { looksLikeApiKey } from '../api-keys/api-key-format';
import { ForbiddenError, UnauthorizedError } from '../common/errors';
import { AUTH_REQUIREMENTS, type AuthRequirements, IS_PUBLIC } from './auth.decorators';
import type { Principal } from './principal';

type Credential = { kind: 'api_key'; key: string } | { kind: 'jwt' } | { kind: 'none' };

/** Credentials come from headers only: a key or token in a URL ends up in logs and histories. */
function readCredential(request: FastifyRequest): Credential {
  const headerKey = request.headers['x-api-key'];
  if (typeof headerKey === 'string' && headerKey.length > 0)
    return { kind: 'api_key', key: headerKey };
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(.+)$/i.exec(authorization);
    if (match) {
      return looksLikeApiKey(match[1]) ? { kind: 'api_key', key: match[1] } : { kind: 'jwt' };
    }
    throw new UnauthorizedError('invalid_token', 'Authorization header must be "Bearer <token>"');
  }
  return { kind: 'none' };
}

/**
 * The one global guard: deny by default, `@Public()` opts out, `@Auth()` states what a route
 * needs. Sessions (JWT) go through passport-jwt; API keys through ApiKeyAuthService.
 */
@Injectable()
export class CredentialsGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyAuthService,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const requirements =
      this.reflector.getAllAndOverride<AuthRequirements>(AUTH_REQUIREMENTS, targets) ?? {};
    const request = context.switchToHttp().getRequest<FastifyRequest>();

    const credential = readCredential(request);
    let principal: Principal;
    if (credential.kind === 'none') {
      throw new UnauthorizedError('missing_credentials', 'Authentication required');
    } else if (credential.kind === 'api_key') {
      principal = await this.apiKeys.authenticate(credential.key);
    } else {
      await super.canActivate(context);
      principal = (request as FastifyRequest & { user: Principal }).user;
    }
    request.principal = principal;

    if (principal.kind === 'api_key') {
      if (requirements.sessionOnly) {
        throw new ForbiddenError(
          'user_session_required',
          'This endpoint needs a user session; API keys cannot call it',
        );
      }
      const missing = (requirements.scopes ?? []).filter((s) => !principal.scopes.includes(s));
      if (missing.length > 0) {
        throw new ForbiddenError(
          'insufficient_scope',
          'The API key lacks a scope this endpoint requires',
          missing.map((scope) => ({ field: 'scopes', problem: `requires '${scope}'` })),
        );
      }
    }
    return true;
  }

  /** passport-jwt's verdict, translated into the contract's codes. */
  override handleRequest<TUser = Principal>(err: unknown, user: TUser, info: unknown): TUser {
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
