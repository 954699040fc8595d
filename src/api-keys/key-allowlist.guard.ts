import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IpNotAllowedError } from '../common/errors';
import { UsageCounter } from '../usage/usage-counter';
import { KeyAccessPolicy } from './key-access.policy';

/**
 * Pipeline step 2: a key with an allowlist is refused (403 `ip_not_allowed`) from any other
 * address, before the caller's budget or its credits are spent: a stolen key used from elsewhere
 * cannot exhaust them. The address is `request.ip`, the one the per-IP limits use (TRUST_PROXY).
 */
@Injectable()
export class KeyAllowlistGuard implements CanActivate {
  constructor(
    private readonly policy: KeyAccessPolicy,
    private readonly usage: UsageCounter,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = request.principal;
    if (principal?.kind === 'api_key' && !this.policy.ipAllowed(principal, request.ip)) {
      this.usage.count(principal.apiKeyId, 'ip_not_allowed');
      throw new IpNotAllowedError();
    }
    return true;
  }
}
