import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { invalidApiKey } from '../api-keys/api-key-auth.service';
import { isWellFormedApiKey } from '../api-keys/api-key-format';
import { sendError } from '../common/all-exceptions.filter';
import { RateLimitedError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RateLimiterService } from '../rate-limit/rate-limiter.service';
import { readCredential } from './credentials';

const routeKey = (request: FastifyRequest): string =>
  `${request.method} ${request.routeOptions.url}`;

/**
 * Where bad credentials are paid for. Each one spends its client IP's failure budget
 * (`spend`), never a real key's.
 *
 * And malformed API keys (wrong shape or checksum) are refused from a Fastify onRequest hook, before
 * Nest routes the request: a flood of made-up keys is the cheapest attack on a key service, and
 * through the router, guards and exception filter each one cost ~45% more CPU than a /health
 * (bench/README.md). The answer is the one CredentialsGuard gives (401 `invalid_api_key`, 429
 * past the per-IP failure budget, both spending that budget), and only on routes the guard has
 * already seen to need credentials: public routes keep ignoring a presented key, and a route not
 * yet seen simply takes the guard's path.
 */
@Injectable()
export class BadCredentialsGate {
  private readonly logger = new Logger('Errors');
  private readonly protectedRoutes = new Set<string>();

  constructor(
    private readonly limiter: RateLimiterService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** CredentialsGuard reports each route that needs credentials, on its first request. */
  protect(request: FastifyRequest): void {
    this.protectedRoutes.add(routeKey(request));
  }

  /**
   * Spends one of the client IP's failures; past the budget, a 429. Counted in process on
   * purpose: refusing garbage must not cost a network round trip.
   */
  spend(request: FastifyRequest): void {
    const decision = this.limiter.consumeLocally(
      `auth-failure:${request.ip}`,
      this.config.authFailureLimitPerIp,
    );
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
  }

  /** The early refusal of malformed keys; after the hook that sets the common headers. */
  installEarlyRefusal(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request, reply, done) => {
      if (this.refused(request, reply)) return; // answered: the route never runs
      done();
    });
  }

  private refused(request: FastifyRequest, reply: FastifyReply): boolean {
    const headers = request.headers;
    if (headers['x-api-key'] === undefined && headers.authorization === undefined) return false;
    if (!this.protectedRoutes.has(routeKey(request))) return false;
    let key: string;
    try {
      const credential = readCredential(request);
      if (credential.kind !== 'api_key') return false;
      key = credential.key;
    } catch {
      return false; // a malformed Authorization header: the guard's answer
    }
    if (isWellFormedApiKey(key)) return false;
    let error: Error = invalidApiKey();
    try {
      this.spend(request);
    } catch (limited) {
      error = limited as Error;
    }
    sendError(reply, request, error, this.logger);
    return true;
  }
}
