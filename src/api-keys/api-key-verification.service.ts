import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ErrorCode } from '../common/error-codes';
import { RateLimiterService } from '../rate-limit/rate-limiter.service';
import { keyBucket } from '../rate-limit/buckets';
import { ApiKeyAuthService } from './api-key-auth.service';
import { ApiKeyEntity } from './api-key.entity';
import { toApiKeyDto } from './api-key.mapper';
import { LastUsedTracker } from './last-used.tracker';
import { MetricsService } from '../metrics/metrics.service';
import { UsageCounter } from '../usage/usage-counter';
import type { ListScopesResponseDto, VerifyApiKeyResponseDto } from './dto/verify.dto';
import { ALL_SCOPES, effectiveScopes, SCOPE_DESCRIPTIONS } from './scopes';

/** Lets another service check a key it received; the check spends that key's budget. */
@Injectable()
export class ApiKeyVerificationService {
  constructor(
    private readonly auth: ApiKeyAuthService,
    private readonly limiter: RateLimiterService,
    private readonly lastUsed: LastUsedTracker,
    private readonly usage: UsageCounter,
    private readonly metrics: MetricsService,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
  ) {}

  async verify(presented: string): Promise<VerifyApiKeyResponseDto> {
    const check = await this.auth.check(presented);
    if (!check.ok) {
      if (check.code === ErrorCode.InvalidApiKey) this.metrics.verification('invalid');
      else
        this.usage.count(
          check.keyId,
          check.code === ErrorCode.ApiKeyRevoked ? 'revoked' : 'expired',
        );
      return { valid: false, code: check.code };
    }
    const key = check.key;
    const decision = await this.limiter.consume(keyBucket(key.id), key.rateLimitPerMinute);
    this.metrics.rateLimitDecision('verify', decision.allowed);
    const rate_limit = {
      limit: decision.limit,
      remaining: decision.remaining,
      reset: decision.resetSeconds,
    };
    if (!decision.allowed) {
      this.usage.count(key.id, 'rate_limited');
      return { valid: false, code: ErrorCode.RateLimited, rate_limit };
    }
    this.lastUsed.record(key.id);
    const entity = await this.keys.findOneBy({ id: key.id });
    // Changed between the cached check and this read: the row is the truth.
    if (!entity) return { valid: false, code: ErrorCode.InvalidApiKey };
    if (entity.revokedAt) {
      this.usage.count(key.id, 'revoked');
      return { valid: false, code: ErrorCode.ApiKeyRevoked };
    }
    if (entity.expiresAt && entity.expiresAt.getTime() <= Date.now()) {
      this.usage.count(key.id, 'expired');
      return { valid: false, code: ErrorCode.ApiKeyExpired };
    }
    this.usage.count(key.id, 'valid');
    return {
      valid: true,
      code: 'valid',
      api_key: toApiKeyDto(entity),
      user_id: key.userId,
      scopes: effectiveScopes(key.ownerRole, key.scopes),
      rate_limit,
    };
  }

  listScopes(): ListScopesResponseDto {
    return {
      scopes: ALL_SCOPES.map((scope) => ({ scope, description: SCOPE_DESCRIPTIONS[scope] })),
    };
  }
}
