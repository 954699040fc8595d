import type { Scope } from './scopes';
import type { ApiKeyEntity } from './api-key.entity';
import { effectiveBalance } from './credits-period';
import type { ApiKeyDto } from './dto/api-key.dto';

/**
 * What of a key leaves the process. Neither digest ever does; absent optionals are omitted, and
 * so is the previous secret once it no longer works. `now` (the service's Clock) decides whether
 * a stored balance has been refilled since it was written.
 */
export function toApiKeyDto(key: ApiKeyEntity, now: Date = new Date()): ApiKeyDto {
  const dto: ApiKeyDto = {
    id: key.id,
    name: key.name,
    key_prefix: key.keyPrefix,
    scopes: key.scopes as Scope[],
    rate_limit_per_minute: key.rateLimitPerMinute,
    created_at: key.createdAt.toISOString(),
    updated_at: key.updatedAt.toISOString(),
    user_id: key.userId,
  };
  if (key.description !== null) dto.description = key.description;
  if (key.expiresAt) dto.expires_at = key.expiresAt.toISOString();
  if (key.revokedAt) dto.revoked_at = key.revokedAt.toISOString();
  if (key.lastUsedAt) dto.last_used_at = key.lastUsedAt.toISOString();
  if (key.metadata && Object.keys(key.metadata).length > 0) dto.metadata = key.metadata;
  if (key.allowedIps) dto.allowed_ips = key.allowedIps;
  const remaining = effectiveBalance(key, now);
  if (remaining !== null) {
    dto.credits = { remaining };
    if (key.creditsRefillAmount !== null && key.creditsRefillInterval !== null) {
      dto.credits.refill = { amount: key.creditsRefillAmount, interval: key.creditsRefillInterval };
    }
  }
  if (key.rotatedAt) dto.rotated_at = key.rotatedAt.toISOString();
  if (
    key.previousKeyPrefix &&
    key.previousKeyExpiresAt &&
    key.previousKeyExpiresAt.getTime() > now.getTime()
  ) {
    dto.previous_key_prefix = key.previousKeyPrefix;
    dto.previous_key_expires_at = key.previousKeyExpiresAt.toISOString();
  }
  return dto;
}
