import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyAuthService, invalidApiKey } from '../api-keys/api-key-auth.service';
import { isWellFormedApiKey } from '../api-keys/api-key-format';
import { sendError } from '../common/all-exceptions.filter';
import { RateLimitedError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { authFailureBucket, keyBucket, userBucket } from '../rate-limit/buckets';
import { callerRateLimited } from '../rate-limit/caller-limit';
import { RateLimiterService } from '../rate-limit/rate-limiter.service';
import { readCredential } from './credentials';

/**
 * The answer to every malformed key, made once: it is sent, never thrown or changed, and making
 * an Error per refusal was a measurable share of the cheapest request an attacker can send.
 */
const INVALID_API_KEY = invalidApiKey();

interface RouteFlag {
  needsCredentials: boolean;
  /** The window of the route's caller budget, when RateLimitGuard reported a plain one. */
  callerBudgetWindowMs: number | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Each route's own flag, in its config so the guard can set it (see `protect`). */
    keywardEarlyRefusal?: RouteFlag;
  }
  interface FastifyRequest {
    /** A key this hook already found well-formed: the guard does not check its shape again. */
    wellFormedKey: string | null;
    /** That key's digest, when this hook computed it: the guard does not compute it again. */
    keyDigest: string | null;
  }
}

/**
 * Where bad credentials are paid for. Each one spends its client IP's failure budget
 * (`spend`), never a real key's; past it, or over its own limit, a caller is refused before its
 * credential costs a lookup (`refuseSpentIp`, `refuseSessionBeforeLookup`).
 *
 * And malformed API keys (wrong shape or checksum) are refused from a Fastify onRequest hook, before
 * Nest routes the request: a flood of made-up keys is the cheapest attack on a key service, and
 * through the router, guards and exception filter each one cost ~45% more CPU than a /health
 * (bench/README.md). The answer is the one CredentialsGuard gives (401 `invalid_api_key`, 429
 * past the per-IP failure budget, both spending that budget), and only on routes the guard has
 * already seen to need credentials: public routes keep ignoring a presented key, and a route not
 * yet seen simply takes the guard's path.
 *
 * The same hook refuses a real key over its budget, when that is known without I/O (`overLimit`):
 * a caller hammering past its limit is the other cheap flood, and its 429 is RateLimitGuard's.
 */
@Injectable()
export class BadCredentialsGate {
  private readonly logger = new Logger('Errors');

  constructor(
    private readonly limiter: RateLimiterService,
    private readonly apiKeys: ApiKeyAuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** CredentialsGuard reports each route that needs credentials, on its first request. */
  protect(request: FastifyRequest): void {
    const flag = request.routeOptions.config?.keywardEarlyRefusal;
    if (flag) flag.needsCredentials = true;
  }

  /**
   * Spends one of the client IP's failures; past the budget, a 429. Counted in process on
   * purpose: refusing garbage must not cost a network round trip.
   */
  spend(request: FastifyRequest): void {
    const decision = this.limiter.consumeLocally(
      authFailureBucket(request.ip),
      this.config.authFailureLimitPerIp,
    );
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
  }

  /**
   * Before a credential costs a lookup: past the client IP's failure budget, the 429 `spend`
   * would give, now and without spending (a request that then succeeds is no failure).
   */
  refuseSpentIp(request: FastifyRequest): void {
    const refusal = this.limiter.knownLocalRefusal(
      authFailureBucket(request.ip),
      this.config.authFailureLimitPerIp,
    );
    if (refusal !== undefined) throw new RateLimitedError(refusal.retryAfterSeconds);
  }

  /**
   * Before a session lookup (the token's signature is verified, so `userId` is the token's own):
   * a user known to be over its limit gets RateLimitGuard's 429, on routes whose caller budget is
   * the plain one, as `overLimit` does for keys; then `refuseSpentIp`.
   */
  refuseSessionBeforeLookup(request: FastifyRequest, userId: string): void {
    const windowMs = request.routeOptions.config?.keywardEarlyRefusal?.callerBudgetWindowMs;
    if (windowMs != null) {
      const limit = this.config.sessionRateLimitPerMinute;
      const refusal = this.limiter.knownRefusal(userBucket(userId), limit, windowMs);
      if (refusal !== undefined) {
        throw callerRateLimited(limit, refusal.resetSeconds, refusal.retryAfterSeconds);
      }
    }
    this.refuseSpentIp(request);
  }

  /**
   * The early refusal of malformed keys, as a hook of each route (registered before Nest adds
   * its routes; route hooks run after the global ones, which set the common headers). Each hook
   * closes over its route's flag: on a route not known to need credentials it costs one check.
   */
  installEarlyRefusal(fastify: FastifyInstance): void {
    fastify.decorateRequest('wellFormedKey', null);
    fastify.decorateRequest('keyDigest', null);
    fastify.addHook('onRoute', (route) => {
      const flag: RouteFlag = { needsCredentials: false, callerBudgetWindowMs: null };
      route.config = { ...route.config, keywardEarlyRefusal: flag };
      const refuse = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
        if (flag.needsCredentials && this.refused(request, reply, flag)) return; // answered
        done();
      };
      const existing = route.onRequest;
      route.onRequest = existing === undefined ? [refuse] : [...[existing].flat(), refuse];
    });
  }

  private refused(request: FastifyRequest, reply: FastifyReply, flag: RouteFlag): boolean {
    const headers = request.headers;
    if (headers['x-api-key'] === undefined && headers.authorization === undefined) return false;
    let key: string;
    try {
      const credential = readCredential(request);
      if (credential.kind !== 'api_key') return false;
      key = credential.key;
    } catch {
      return false; // a malformed Authorization header: the guard's answer
    }
    if (isWellFormedApiKey(key)) {
      request.wellFormedKey = key; // every real caller: the guard's, without a second checksum
      const windowMs = flag.callerBudgetWindowMs;
      return windowMs !== null && this.overLimit(request, reply, key, windowMs);
    }

    let error: Error = INVALID_API_KEY;
    try {
      this.spend(request);
    } catch (limited) {
      error = limited as Error;
    }
    sendError(reply, request, error, this.logger);
    return true;
  }

  /**
   * A cached, usable key whose budget is known to be spent (the limiter can tell without I/O):
   * the 429 RateLimitGuard would give, with the same headers, and the use recorded as the guard
   * path records it. A revoked, expired or uncached key, or a budget not known to be spent,
   * takes the guard's path. Nothing to look for while the limiter can refuse nothing: no HMAC
   * here then (else the guard reuses this one). Like the malformed-key refusal, it answers before
   * the body is read: an over-limit caller gets its 429 whatever its body, where the guard's
   * path would have answered a broken body with 400/413/415 first.
   */
  private overLimit(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    windowMs: number,
  ): boolean {
    if (!this.limiter.mayRefuse) return false;
    const digest = this.apiKeys.digest(key);
    request.keyDigest = digest; // the guard's, if this is not a refusal
    const cached = this.apiKeys.peekUsable(digest);
    if (cached === undefined) return false;
    const limit = cached.principal.rateLimitPerMinute;
    const refusal = this.limiter.knownRefusal(keyBucket(cached.id), limit, windowMs);
    if (refusal === undefined) return false;
    this.apiKeys.recordUse(cached);
    const error = callerRateLimited(limit, refusal.resetSeconds, refusal.retryAfterSeconds);
    sendError(reply, request, error, this.logger);
    return true;
  }
}

/** RateLimitGuard reports each route whose caller budget is the plain one, on its first request. */
export function markCallerBudget(request: FastifyRequest, windowMs: number): void {
  const flag = request.routeOptions.config?.keywardEarlyRefusal;
  if (flag) flag.callerBudgetWindowMs = windowMs;
}
