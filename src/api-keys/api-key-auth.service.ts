import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { ApiKeyPrincipal } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UnauthorizedError } from '../common/errors';
import { ApiKeyEntity } from './api-key.entity';
import { digestApiKey, isWellFormedApiKey } from './api-key-format';
import { KeyCache, type CachedKey } from './key-cache';
import { LastUsedTracker } from './last-used.tracker';
import { effectiveScopes, type Scope } from './scopes';

export const invalidApiKey = (): UnauthorizedError =>
  new UnauthorizedError('invalid_api_key', 'API key is invalid');

export type KeyCheck =
  | { ok: true; key: CachedKey }
  | { ok: false; code: 'invalid_api_key' | 'api_key_revoked' | 'api_key_expired' };

/**
 * Authenticates a presented key: shape and checksum first (no I/O), then the cache, then one
 * indexed lookup by digest. A database failure propagates (503): we never answer 401 for a key
 * we could not check, and never 200 for one we never verified.
 */
@Injectable()
export class ApiKeyAuthService {
  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly cache: KeyCache,
    private readonly lastUsed: LastUsedTracker,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The principal for a presented key, or a 401. Synchronous when the key is decided without
   * I/O (bad shape, or cached): the warm path of every keyed request spends no promise here.
   */
  authenticate(presented: string): Readonly<ApiKeyPrincipal> | Promise<Readonly<ApiKeyPrincipal>> {
    const check = this.check(presented);
    return check instanceof Promise
      ? check.then((settled) => this.principalFor(settled))
      : this.principalFor(check);
  }

  /** The verdict on a key without throwing (also used by POST /api-keys/verify). */
  check(presented: string): KeyCheck | Promise<KeyCheck> {
    if (!isWellFormedApiKey(presented)) return { ok: false, code: 'invalid_api_key' };
    const digest = digestApiKey(presented, this.config.keyPepper);
    const cached = this.cache.get(digest);
    return cached ? verdict(cached) : this.load(digest).then(verdict);
  }

  private principalFor(check: KeyCheck): Readonly<ApiKeyPrincipal> {
    if (!check.ok) {
      if (check.code === 'api_key_revoked') {
        throw new UnauthorizedError('api_key_revoked', 'API key has been revoked');
      }
      if (check.code === 'api_key_expired') {
        throw new UnauthorizedError('api_key_expired', 'API key has expired');
      }
      throw invalidApiKey();
    }
    this.lastUsed.record(check.key.id);
    return check.key.principal;
  }

  /** One statement: the key and its owner (cached too, for routes that answer with the owner). */
  private async load(digest: string): Promise<CachedKey | undefined> {
    const epoch = this.cache.beginLookup();
    const row = await this.keys
      .createQueryBuilder('k')
      .innerJoin('k.user', 'u')
      .select([
        'k.id',
        'k.userId',
        'k.scopes',
        'k.rateLimitPerMinute',
        'k.expiresAt',
        'k.revokedAt',
        'u.id',
        'u.email',
        'u.role',
        'u.emailVerified',
        'u.metadata',
        'u.createdAt',
        'u.updatedAt',
      ])
      .where('k.key_hash = :digest', { digest })
      .getOne();
    if (!row?.user) return undefined;
    const key: CachedKey = {
      id: row.id,
      userId: row.userId,
      ownerRole: row.user.role,
      scopes: row.scopes,
      rateLimitPerMinute: row.rateLimitPerMinute,
      expiresAt: row.expiresAt?.getTime() ?? null,
      revokedAt: row.revokedAt?.getTime() ?? null,
      principal: Object.freeze({
        kind: 'api_key',
        userId: row.userId,
        role: row.user.role,
        apiKeyId: row.id,
        rateLimitPerMinute: row.rateLimitPerMinute,
        scopes: Object.freeze(effectiveScopes(row.user.role, row.scopes)) as Scope[],
      }),
    };
    this.cache.set(digest, key, epoch);
    this.cache.setUser(row.user, epoch);
    return key;
  }
}

function verdict(key: CachedKey | undefined): KeyCheck {
  if (!key) return { ok: false, code: 'invalid_api_key' };
  if (key.revokedAt !== null) return { ok: false, code: 'api_key_revoked' };
  if (key.expiresAt !== null && key.expiresAt <= Date.now()) {
    return { ok: false, code: 'api_key_expired' };
  }
  return { ok: true, key };
}
