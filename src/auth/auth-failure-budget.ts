import { Inject, Injectable } from '@nestjs/common';
import { RateLimitedError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { authFailureBucket } from '../rate-limit/buckets';
import { RateLimiterService } from '../rate-limit/rate-limiter.service';

/**
 * A client IP's budget of failed authentications. Counted in process on purpose: refusing
 * garbage must not cost a network round trip.
 */
@Injectable()
export class AuthFailureBudget {
  constructor(
    private readonly limiter: RateLimiterService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Spends one failure of the IP; past the budget, a 429. */
  spend(ip: string): void {
    const decision = this.limiter.consumeLocally(
      authFailureBucket(ip),
      this.config.authFailureLimitPerIp,
    );
    if (!decision.allowed) throw new RateLimitedError(decision.retryAfterSeconds);
  }

  /** Spends one failure of the IP without refusing anything now (its next lookup is refused). */
  record(ip: string): void {
    this.limiter.consumeLocally(authFailureBucket(ip), this.config.authFailureLimitPerIp);
  }

  /**
   * Before a credential costs a lookup: the 429 an IP past its budget would get, without
   * spending (a request that then succeeds is no failure).
   */
  refuseIfSpent(ip: string): void {
    const refusal = this.limiter.knownLocalRefusal(
      authFailureBucket(ip),
      this.config.authFailureLimitPerIp,
    );
    if (refusal !== undefined) throw new RateLimitedError(refusal.retryAfterSeconds);
  }
}
