import { Inject, Injectable } from '@nestjs/common';
import { AuthFailureBudget } from '../auth/auth-failure-budget';
import { ErrorCode } from '../common/error-codes';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { RateLimiterService } from '../rate-limit/rate-limiter.service';
import { keyBucket } from '../rate-limit/buckets';
import { UsageCounter } from '../usage/usage-counter';
import { WebhookAlerts } from '../webhooks/webhook-alerts';
import { ApiKeyAuthService } from './api-key-auth.service';
import { CreditsService } from './credits.service';
import { KeyAccessPolicy } from './key-access.policy';
import type { CachedKey } from './key-cache';
import type { ApiKeyDto } from './dto/api-key.dto';
import { LastUsedTracker } from './last-used.tracker';
import type {
  ListScopesResponseDto,
  RateLimitStateDto,
  VerifyApiKeyDto,
  VerifyApiKeyResponseDto,
} from './dto/verify.dto';
import { ALL_SCOPES, SCOPE_DESCRIPTIONS } from './scopes';

/** A verify answer's lease needs at least this many requests left in the key's budget. */
export const LEASE_MIN_REMAINING = 100;

type CreditOutcome =
  { ok: true; remaining?: number } | { ok: false; code: typeof ErrorCode.CreditsExhausted };

/**
 * Lets another service check a key it received; the check spends that key's budget exactly as a
 * keyed request does (allowlist, then rate limit, then scopes, then a credit). A warm verify of a
 * key without credits is answered from the key cache: no SQL statement.
 */
@Injectable()
export class ApiKeyVerificationService {
  constructor(
    private readonly auth: ApiKeyAuthService,
    private readonly limiter: RateLimiterService,
    private readonly lastUsed: LastUsedTracker,
    private readonly failures: AuthFailureBudget,
    private readonly access: KeyAccessPolicy,
    private readonly credits: CreditsService,
    private readonly usage: UsageCounter,
    private readonly metrics: MetricsService,
    private readonly alerts: WebhookAlerts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** `callerIp` is the verifying service's own address: its failure budget bounds lookups. */
  async verify(dto: VerifyApiKeyDto, callerIp: string): Promise<VerifyApiKeyResponseDto> {
    let lookedUp = false;
    const check = await this.auth.check(dto.key, () => {
      // A caller past its failure budget gets a 429 before the key costs a lookup.
      this.failures.refuseIfSpent(callerIp);
      lookedUp = true;
    });
    if (!check.ok) {
      // Only a lookup that found nothing counts: garbage costs nothing and is not counted.
      if (lookedUp && check.code === ErrorCode.InvalidApiKey) this.failures.record(callerIp);
      return { valid: false, code: check.code };
    }
    const key = check.key;
    // Fails closed: a key with an allowlist verified without `ip` is refused.
    if (!this.access.ipAllowed(key, dto.ip)) {
      this.usage.count(key.id, 'ip_not_allowed');
      return { valid: false, code: ErrorCode.IpNotAllowed };
    }

    const decision = await this.limiter.consume(keyBucket(key.id), key.rateLimitPerMinute);
    this.metrics.rateLimitDecision('verify', decision.allowed);
    const rate_limit: RateLimitStateDto = {
      limit: decision.limit,
      remaining: decision.remaining,
      reset: decision.resetSeconds,
    };
    if (!decision.allowed) {
      this.usage.count(key.id, 'rate_limited');
      this.alerts.apiKeyRateLimited({
        id: key.id,
        userId: key.userId,
        rateLimitPerMinute: key.rateLimitPerMinute,
      });
      return { valid: false, code: ErrorCode.RateLimited, rate_limit };
    }
    this.lastUsed.record(key.id);

    const scopes = key.principal.scopes;
    if (dto.required_scopes?.some((scope) => !scopes.includes(scope))) {
      this.usage.count(key.id, 'insufficient_scope');
      return { valid: false, code: ErrorCode.InsufficientScope, rate_limit };
    }
    const credit = await this.spendCredit(key);
    if (!credit.ok) {
      this.usage.count(key.id, 'credits_exhausted');
      return { valid: false, code: credit.code, rate_limit };
    }
    this.usage.count(key.id, 'valid');

    const apiKey: ApiKeyDto = { ...key.apiKey };
    if (key.lastUsedAt !== null) apiKey.last_used_at = new Date(key.lastUsedAt).toISOString();
    // The cached answer holds the balance it was cached with; the spend just read the real one.
    if (credit.remaining !== undefined && apiKey.credits) {
      apiKey.credits = { ...apiKey.credits, remaining: credit.remaining };
    }
    const answer: VerifyApiKeyResponseDto = {
      valid: true,
      code: 'valid',
      api_key: apiKey,
      user_id: key.userId,
      scopes: [...scopes],
      rate_limit,
    };
    if (key.apiKey.metadata !== undefined) answer.metadata = key.apiKey.metadata;
    if (credit.remaining !== undefined) {
      answer.credits_remaining = credit.remaining;
    } else if (dto.lease && decision.remaining >= LEASE_MIN_REMAINING) {
      await this.grantLease(key, answer, rate_limit);
    }
    return answer;
  }

  listScopes(): ListScopesResponseDto {
    return {
      scopes: ALL_SCOPES.map((scope) => ({ scope, description: SCOPE_DESCRIPTIONS[scope] })),
    };
  }

  /**
   * Spends one credit of a key with credits (after its rate limit, as a keyed request does) and
   * says what is left; a key without credits spends nothing (and no statement runs).
   */
  private async spendCredit(key: CachedKey): Promise<CreditOutcome> {
    if (!key.hasCredits) return { ok: true };
    const spent = await this.credits.spend(key.id);
    return spent.ok ? spent : { ok: false, code: ErrorCode.CreditsExhausted };
  }

  /**
   * Takes the next VERIFY_LEASE_MS worth of the key's limit from its budget at once (as much of
   * it as the budget holds) and hands it to the caller: every instance and verifier together
   * then admit at most the key's limit plus one lease per verifier. Never for keys with credits,
   * whose every use must be counted here.
   */
  private async grantLease(
    key: CachedKey,
    answer: VerifyApiKeyResponseDto,
    rateLimit: RateLimitStateDto,
  ): Promise<void> {
    const ttlMs = this.config.verifyLeaseMs;
    const wanted = Math.floor((key.rateLimitPerMinute * ttlMs) / 60_000);
    if (wanted < 1) return;
    const taken = await this.limiter.take(keyBucket(key.id), key.rateLimitPerMinute, wanted);
    if (taken.granted < 1) return;
    answer.lease = { requests: taken.granted, ttl_ms: ttlMs };
    rateLimit.remaining = taken.remaining;
  }
}
