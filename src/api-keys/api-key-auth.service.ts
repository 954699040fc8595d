import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ApiKeyPrincipal } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UnauthorizedError } from '../common/errors';
import type { Role } from '../users/user.entity';
import { ApiKeyEntity } from './api-key.entity';
import { digestApiKey, isWellFormedApiKey } from './api-key-format';
import { LastUsedTracker } from './last-used.tracker';
import { effectiveScopes } from './scopes';

export const invalidApiKey = (): UnauthorizedError =>
  new UnauthorizedError('invalid_api_key', 'API key is invalid');

/** Authenticates a presented key: shape and checksum first, then one indexed lookup by digest. */
@Injectable()
export class ApiKeyAuthService {
  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly lastUsed: LastUsedTracker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async authenticate(presented: string): Promise<ApiKeyPrincipal> {
    if (!isWellFormedApiKey(presented)) throw invalidApiKey();
    const row = await this.keys
      .createQueryBuilder('k')
      .innerJoin('k.user', 'u')
      .select(['k.id', 'k.userId', 'k.scopes', 'k.expiresAt', 'k.revokedAt'])
      .addSelect('u.role', 'owner_role')
      .where('k.key_hash = :hash', { hash: digestApiKey(presented, this.config.keyPepper) })
      .getRawAndEntities();
    const key = row.entities[0];
    if (!key) throw invalidApiKey();
    if (key.revokedAt) throw new UnauthorizedError('api_key_revoked', 'API key has been revoked');
    if (key.expiresAt && key.expiresAt.getTime() <= Date.now()) {
      throw new UnauthorizedError('api_key_expired', 'API key has expired');
    }
    const role = (row.raw[0] as { owner_role: Role }).owner_role;
    this.lastUsed.record(key.id);
    return {
      kind: 'api_key',
      userId: key.userId,
      role,
      apiKeyId: key.id,
      scopes: effectiveScopes(role, key.scopes),
    };
  }
}
