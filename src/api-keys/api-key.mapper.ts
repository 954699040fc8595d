import type { Scope } from './scopes';
import type { ApiKeyEntity } from './api-key.entity';
import type { ApiKeyDto } from './dto/api-key.dto';

/**
 * What of a key leaves the process. Neither digest ever does; absent optionals are omitted, and
 * so is the previous secret once it no longer works.
 */
export function toApiKeyDto(key: ApiKeyEntity): ApiKeyDto {
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
  if (key.rotatedAt) dto.rotated_at = key.rotatedAt.toISOString();
  if (
    key.previousKeyPrefix &&
    key.previousKeyExpiresAt &&
    key.previousKeyExpiresAt.getTime() > Date.now()
  ) {
    dto.previous_key_prefix = key.previousKeyPrefix;
    dto.previous_key_expires_at = key.previousKeyExpiresAt.toISOString();
  }
  return dto;
}
