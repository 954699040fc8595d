import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { InsufficientScopeError, UserSessionRequiredError } from '../common/errors';
import { UsageCounter } from '../usage/usage-counter';
import { AUTH_REQUIREMENTS, type AuthRequirements } from './auth.decorators';

/**
 * Pipeline step 4: what the route declared with @Auth(). Keys authenticate services, not
 * people, so session-only routes refuse them; a key's scopes (already intersected with its
 * owner's role) must cover the route's. A session holds every scope of its role.
 */
@Injectable()
export class AuthorizationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly usage: UsageCounter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
    if (!principal) return true; // a @Public() route
    if (principal.kind !== 'api_key') return true;
    const requirements =
      this.reflector.getAllAndOverride<AuthRequirements | undefined>(AUTH_REQUIREMENTS, [
        context.getHandler(),
        context.getClass(),
      ]) ?? {};
    if (requirements.sessionOnly) {
      throw new UserSessionRequiredError();
    }
    const missing = (requirements.scopes ?? []).filter((s) => !principal.scopes.includes(s));
    if (missing.length > 0) {
      this.usage.count(principal.apiKeyId, 'insufficient_scope');
      throw new InsufficientScopeError(missing);
    }
    return true;
  }
}
