import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyPrincipal } from '../auth/principal';
import { CreditsExhaustedError } from '../common/errors';
import { UsageCounter } from '../usage/usage-counter';
import { CreditsService } from './credits.service';

/**
 * Pipeline step 5: a key with credits spends one on each request that got this far
 * (authenticated, from an allowed address, within its rate limit and scopes), so a refused
 * request never costs a credit. At zero, 403 `credits_exhausted`. Keys without credits pass
 * without any I/O. As the last step, it is also where an admitted keyed request counts as
 * `valid` in its key's usage (the refusals are counted by the steps that refuse).
 */
@Injectable()
export class CreditsGuard implements CanActivate {
  constructor(
    private readonly credits: CreditsService,
    private readonly usage: UsageCounter,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
    if (principal?.kind !== 'api_key') return true;
    if (!principal.hasCredits) {
      this.usage.count(principal.apiKeyId, 'valid');
      return true;
    }
    return this.spend(principal, context.switchToHttp().getResponse<FastifyReply>());
  }

  private async spend(principal: ApiKeyPrincipal, reply: FastifyReply): Promise<boolean> {
    const spent = await this.credits.spend(principal.apiKeyId);
    if (!spent.ok) {
      this.usage.count(principal.apiKeyId, 'credits_exhausted');
      throw new CreditsExhaustedError();
    }
    this.usage.count(principal.apiKeyId, 'valid');
    void reply.header('X-Credits-Remaining', String(spent.remaining));
    return true;
  }
}
