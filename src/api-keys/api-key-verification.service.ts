import { Inject, Injectable } from '@nestjs/common';
import { AuthFailureBudget } from '../auth/auth-failure-budget';
import { ErrorCode } from '../common/error-codes';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RateLimiterService } from '../rate-limit/rate-limiter.service';
import { keyBucket } from '../rate-limit/buckets';
import { ApiKeyAuthService } from './api-key-auth.service';
import type { CachedKey } from './key-cache';
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

/** Where the key's request came from, as the verifying service saw it. */
export interface AccessContext {
  ip?: string;
}

type AccessRefusal = typeof ErrorCode.IpNotAllowed;
type CreditOutcome =
  { ok: true; remaining?: number } | { ok: false; code: typeof ErrorCode.CreditsExhausted };

/**
 * Lets another service check a key it received; the check spends that key's budget exactly as a
 * keyed request does (allowlist, then rate limit, then scopes, then a credit). A warm verify is
 * answered from the key cache: no SQL statement.
 */
@Injectable()
export class ApiKeyVerificationService {
  constructor(
    private readonly auth: ApiKeyAuthService,
    private readonly limiter: RateLimiterService,
    private readonly lastUsed: LastUsedTracker,
    private readonly failures: AuthFailureBudget,
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
    const refused = this.checkAccess(key, { ip: dto.ip });
    if (refused !== undefined) return { valid: false, code: refused };

    const decision = await this.limiter.consume(keyBucket(key.id), key.rateLimitPerMinute);
    const rate_limit: RateLimitStateDto = {
      limit: decision.limit,
      remaining: decision.remaining,
      reset: decision.resetSeconds,
    };
    if (!decision.allowed) return { valid: false, code: ErrorCode.RateLimited, rate_limit };
    this.lastUsed.record(key.id);

    const scopes = key.principal.scopes;
    if (dto.required_scopes?.some((scope) => !scopes.includes(scope))) {
      return { valid: false, code: ErrorCode.InsufficientScope, rate_limit };
    }
    const credit = this.spendCredit(key);
    if (!credit.ok) return { valid: false, code: credit.code, rate_limit };

    const answer: VerifyApiKeyResponseDto = {
      valid: true,
      code: 'valid',
      api_key:
        key.lastUsedAt === null
          ? { ...key.apiKey }
          : { ...key.apiKey, last_used_at: new Date(key.lastUsedAt).toISOString() },
      user_id: key.userId,
      scopes: [...scopes],
      rate_limit,
    };
    if (key.apiKey.metadata !== undefined) answer.metadata = key.apiKey.metadata;
    if (credit.remaining !== undefined) answer.credits_remaining = credit.remaining;
    else if (dto.lease && decision.remaining >= LEASE_MIN_REMAINING) {
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
   * Whether the key may be used from where the verifying service saw it, decided before its
   * rate limit is spent. Keys have no allowlist yet, so every address may; an allowlist check
   * (`ip_not_allowed`, failing closed when `ip` is absent) belongs here.
   */
  private checkAccess(_key: CachedKey, _context: AccessContext): AccessRefusal | undefined {
    return undefined;
  }

  /**
   * Spends one credit of a key with credits (after its rate limit, as a keyed request does) and
   * says what is left; a key without credits spends nothing and leaves `remaining` undefined.
   * Keys have no credits yet; their spending belongs here.
   */
  private spendCredit(_key: CachedKey): CreditOutcome {
    return { ok: true };
  }

  /**
   * Takes the next VERIFY_LEASE_MS worth of the key's limit from its budget at once (as much of
   * it as the budget holds) and hands it to the caller: every instance and verifier together
   * then admit at most the key's limit plus one lease per verifier.
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
