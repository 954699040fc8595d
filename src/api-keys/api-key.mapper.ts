import type { Scope } from './scopes';
import type { ApiKeyEntity } from './api-key.entity';
import type { ApiKeyDto } from './dto/api-key.dto';

/** What of a key leaves the process. The hash never does; absent optionals are omitted. */
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
  return dto;
}
