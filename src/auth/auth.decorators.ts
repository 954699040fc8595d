import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../api-keys/scopes';
import { ErrorResponseDto } from '../common/error-response.dto';
import type { Principal } from './principal';

export const IS_PUBLIC = 'keyward:public';
export const AUTH_REQUIREMENTS = 'keyward:auth';

export interface AuthRequirements {
  /** Scopes an API key must hold (a session holds every scope of its role). */
  scopes?: Scope[];
  /** Only a user session may call this (session and key-management endpoints). */
  sessionOnly?: boolean;
}

export const REFUSES_API_KEYS = 'keyward:refuses-api-keys';

/**
 * A public route that belongs to user sessions (refresh): a request presenting an API key is
 * refused with 403 `user_session_required`, as on every other session endpoint.
 */
export const RefusesApiKeys = (): MethodDecorator => SetMetadata(REFUSES_API_KEYS, true);

/** The route needs no credentials. Everything else is denied by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * Sets what the global guard checks *and* the OpenAPI security requirement, so the document and
 * the generated client can never disagree with the code.
 */
export function Auth(requirements: AuthRequirements = {}): MethodDecorator & ClassDecorator {
  const scopes = requirements.scopes ?? [];
  const security = requirements.sessionOnly
    ? [ApiSecurity('bearer')]
    : [ApiSecurity('bearer'), ApiSecurity('api_key', scopes)];
  return applyDecorators(
    SetMetadata(AUTH_REQUIREMENTS, requirements),
    ...security,
    ApiUnauthorizedResponse({
      description: 'Missing or invalid credentials',
      type: ErrorResponseDto,
    }),
    ApiForbiddenResponse({
      description: requirements.sessionOnly
        ? 'Called with an API key (`user_session_required`)'
        : `Key lacks a required scope (${scopes.join(', ') || 'none'}); or the key's allowlist ` +
          'refuses the client address (`ip_not_allowed`), or its credits are spent ' +
          '(`credits_exhausted`)',
      type: ErrorResponseDto,
    }),
  );
}

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => {
    const request = ctx.switchToHttp().getRequest<FastifyRequest>();
    if (!request.principal) throw new Error('CurrentPrincipal used on a public route');
    return request.principal;
  },
);
