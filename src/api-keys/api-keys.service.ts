import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  DataSource,
  EntityManager,
  FindOptionsWhere,
  IsNull,
  QueryFailedError,
  Repository,
} from 'typeorm';
import type { Principal } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ErrorCode } from '../common/error-codes';
import {
  ExpiredKeyUnrotatableError,
  ForbiddenError,
  KeyLimitReachedError,
  NotFoundError,
  RevokedKeyUnchangeableError,
  SessionEndedError,
} from '../common/errors';
import { UserEntity } from '../users/user.entity';
import { ApiKeyEntity } from './api-key.entity';
import { digestApiKey, generateApiKey, visiblePrefix } from './api-key-format';
import { toApiKeyDto } from './api-key.mapper';
import { Clock } from '../common/clock';
import { refillPeriodStart, type StoredCredits } from './credits-period';
import { normalizeAllowlist } from './ip-allowlist';
import {
  filteredKeys,
  KeyListFilter,
  ListCursorCodec,
  pageOf,
  POSITION_COLUMN,
} from './api-key-listing';
import { KeyInvalidationBus } from './key-invalidation.bus';
import {
  ApiKeyDto,
  CreateApiKeyDto,
  KeyCreditsDto,
  CreateApiKeyResponseDto,
  DEFAULT_GRACE_PERIOD_SECONDS,
  DEFAULT_LIST_LIMIT,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DeleteApiKeyResponseDto,
  ListApiKeysQueryDto,
  ListApiKeysResponseDto,
  RevokeApiKeyResponseDto,
  RotateApiKeyDto,
  UpdateApiKeyDto,
} from './dto/api-key.dto';

const FOREIGN_KEY_VIOLATION = '23503';

/** The owner was deleted after its session was checked: the session went with it (cascade). */
const ownerGone = (): SessionEndedError => new SessionEndedError();

const isForeignKeyViolation = (err: unknown): boolean =>
  err instanceof QueryFailedError &&
  (err.driverError as { code?: string }).code === FOREIGN_KEY_VIOLATION;

@Injectable()
export class ApiKeysService {
  private readonly cursors: ListCursorCodec;

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly dataSource: DataSource,
    private readonly invalidation: KeyInvalidationBus,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.cursors = new ListCursorCodec(config.keyPepper);
  }

  async create(owner: Principal, dto: CreateApiKeyDto): Promise<CreateApiKeyResponseDto> {
    const key = generateApiKey();
    const saved = await this.dataSource.transaction(async (tx) => {
      // Locking the owner's row serialises concurrent creates, so the limit cannot be raced,
      // and holds off a deletion of the owner until the key is in (then it goes with it).
      const user = await tx
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .setLock('pessimistic_write')
        .where('u.id = :id', { id: owner.userId })
        .getOne();
      if (!user) throw ownerGone();
      const active = await tx
        .getRepository(ApiKeyEntity)
        .countBy({ userId: owner.userId, revokedAt: IsNull() });
      if (active >= this.config.maxKeysPerUser) {
        throw new KeyLimitReachedError(this.config.maxKeysPerUser);
      }
      const repo = tx.getRepository(ApiKeyEntity);
      try {
        return await repo.save(
          repo.create({
            userId: owner.userId,
            name: dto.name,
            description: dto.description ?? null,
            keyPrefix: visiblePrefix(key),
            keyHash: digestApiKey(key, this.config.keyPepper),
            scopes: dto.scopes,
            rateLimitPerMinute: dto.rate_limit_per_minute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
            expiresAt: dto.expires_at ? new Date(dto.expires_at) : null,
            metadata: dto.metadata ?? {},
            allowedIps: dto.allowed_ips ? normalizeAllowlist(dto.allowed_ips) : null,
            ...this.storedCredits(dto.credits ?? null),
          }),
        );
      } catch (err) {
        // The lock above should leave no way to get here; if the owner is gone all the same,
        // that is the caller's ended session, not a server fault.
        if (isForeignKeyViolation(err)) throw ownerGone();
        throw err;
      }
    });
    // No instance may keep refusing this key's digest as one it found unknown before.
    await this.invalidation.publish({ kind: 'created' });
    // INSERT ... RETURNING already filled the generated columns: no second read, and no way to
    // lose the only copy of the key to a failure after the commit.
    return { api_key: toApiKeyDto(saved, this.clock.now()), key };
  }

  async list(caller: Principal, query: ListApiKeysQueryDto): Promise<ListApiKeysResponseDto> {
    // Decoded first: a bad cursor is the caller's mistake whatever else the query says.
    const after = query.cursor === undefined ? undefined : this.cursors.decode(query.cursor);
    const filter: KeyListFilter = {
      userId: caller.userId,
      status: query.status ?? 'all',
      scope: query.scope,
      q: query.q,
    };
    if (query.user_id !== undefined || query.all) {
      if (caller.role !== 'admin') {
        throw new ForbiddenError(ErrorCode.Forbidden, "Only an admin may list other users' keys");
      }
      filter.userId = query.user_id;
    }
    const limit = query.limit ?? DEFAULT_LIST_LIMIT;
    const filtered = filteredKeys(this.keys, filter);
    const [{ entities, raw }, total] = await Promise.all([
      pageOf(filtered, limit, after).getRawAndEntities<Record<string, string>>(),
      filtered.getCount(),
    ]);
    const page: ListApiKeysResponseDto = {
      api_keys: entities.slice(0, limit).map((key) => toApiKeyDto(key, this.clock.now())),
      total,
    };
    if (entities.length > limit) {
      const last = entities[limit - 1];
      page.next_cursor = this.cursors.encode({
        createdAt: raw[limit - 1][POSITION_COLUMN],
        id: last.id,
      });
    }
    return page;
  }

  async get(caller: Principal, id: string): Promise<ApiKeyDto> {
    return toApiKeyDto(await this.findVisible(caller, id), this.clock.now());
  }

  async update(caller: Principal, id: string, dto: UpdateApiKeyDto): Promise<ApiKeyDto> {
    const key = await this.findVisible(caller, id);
    if (key.revokedAt) {
      throw new RevokedKeyUnchangeableError();
    }
    const changes: Partial<
      Pick<
        ApiKeyEntity,
        | 'name'
        | 'description'
        | 'scopes'
        | 'rateLimitPerMinute'
        | 'expiresAt'
        | 'metadata'
        | 'allowedIps'
        | keyof StoredCredits
      >
    > = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.description !== undefined) changes.description = dto.description;
    if (dto.scopes !== undefined) changes.scopes = dto.scopes;
    if (dto.rate_limit_per_minute !== undefined)
      changes.rateLimitPerMinute = dto.rate_limit_per_minute;
    if (dto.expires_at !== undefined) {
      changes.expiresAt = dto.expires_at === null ? null : new Date(dto.expires_at);
    }
    if (dto.metadata !== undefined) changes.metadata = dto.metadata ?? {};
    if (dto.allowed_ips !== undefined) {
      changes.allowedIps = dto.allowed_ips === null ? null : normalizeAllowlist(dto.allowed_ips);
    }
    // The new balance is written outright (not added to what is left): "in force" means the row
    // holds it, so the next spend on any instance sees it.
    if (dto.credits !== undefined) Object.assign(changes, this.storedCredits(dto.credits));
    if (Object.keys(changes).length > 0) {
      // Conditional on "not revoked" so a revoke racing this update wins.
      const result = await this.keys.update(
        { id: key.id, revokedAt: IsNull() },
        changes as Parameters<Repository<ApiKeyEntity>['update']>[1],
      );
      if (result.affected === 0) {
        throw new RevokedKeyUnchangeableError();
      }
      await this.invalidation.publish({ kind: 'key', id: key.id });
    }
    return toApiKeyDto(await this.reload(key.id), this.clock.now());
  }

  /** A requested balance as stored: it belongs to the refill period holding the clock's now. */
  private storedCredits(credits: KeyCreditsDto | null): StoredCredits {
    if (credits === null) {
      return {
        creditsRemaining: null,
        creditsRefillAmount: null,
        creditsRefillInterval: null,
        creditsPeriod: null,
      };
    }
    const refill = credits.refill;
    return {
      creditsRemaining: credits.remaining,
      creditsRefillAmount: refill?.amount ?? null,
      creditsRefillInterval: refill?.interval ?? null,
      creditsPeriod: refill ? refillPeriodStart(refill.interval, this.clock.now()) : null,
    };
  }

  /**
   * A new secret for the same key. The secret it replaces keeps working for the grace period;
   * one that an earlier rotation left in its grace stops at once (only one previous secret is
   * ever kept). The row is locked while it is read and rewritten, so a revoke or a second
   * rotation racing this one waits for it, and the rewrite is one statement: a failure leaves
   * the key exactly as it was.
   */
  async rotate(
    caller: Principal,
    id: string,
    dto: RotateApiKeyDto,
  ): Promise<CreateApiKeyResponseDto> {
    const key = generateApiKey();
    const graceMs = (dto.grace_period_seconds ?? DEFAULT_GRACE_PERIOD_SECONDS) * 1000;
    const rotated = await this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ApiKeyEntity);
      const query = repo
        .createQueryBuilder('k')
        .addSelect('k.keyHash')
        .setLock('pessimistic_write')
        .where('k.id = :id', { id });
      if (caller.role !== 'admin') query.andWhere('k.user_id = :userId', { userId: caller.userId });
      const current = await query.getOne();
      if (!current) throw new NotFoundError('API key');
      if (current.revokedAt) throw new RevokedKeyUnchangeableError();
      const now = this.clock.now();
      if (current.expiresAt && current.expiresAt.getTime() <= now.getTime()) {
        throw new ExpiredKeyUnrotatableError();
      }
      await repo.update(
        { id: current.id },
        {
          keyHash: digestApiKey(key, this.config.keyPepper),
          keyPrefix: visiblePrefix(key),
          previousKeyHash: current.keyHash,
          previousKeyPrefix: current.keyPrefix,
          previousKeyExpiresAt: new Date(now.getTime() + graceMs),
          rotatedAt: now,
        },
      );
      const saved = await repo.findOneBy({ id: current.id });
      if (!saved) throw new NotFoundError('API key');
      return saved;
    });
    // Every instance drops both cached secrets, and forgets the new digest if it had found it
    // unknown before.
    await this.invalidation.publish({ kind: 'rotated', id: rotated.id });
    return { api_key: toApiKeyDto(rotated, this.clock.now()), key };
  }

  /** Idempotent: revoking again answers 200 and keeps the first `revoked_at`. */
  async revoke(caller: Principal, id: string): Promise<RevokeApiKeyResponseDto> {
    const key = await this.findVisible(caller, id);
    await this.keys.update({ id: key.id, revokedAt: IsNull() }, { revokedAt: new Date() });
    await this.invalidation.publish({ kind: 'key', id: key.id });
    return { message: 'API key revoked' };
  }

  async delete(caller: Principal, id: string): Promise<DeleteApiKeyResponseDto> {
    const key = await this.findVisible(caller, id);
    await this.keys.delete({ id: key.id });
    await this.invalidation.publish({ kind: 'key', id: key.id });
    return { message: 'API key deleted' };
  }

  /**
   * Revokes every live key of the user inside the caller's transaction. The caller publishes the
   * owner's 'user' invalidation after the commit, which drops every cached key of the owner.
   */
  async revokeAllOf(userId: string, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(ApiKeyEntity)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Someone else's key is "not found", never "forbidden": a 403 would confirm it exists. */
  private async findVisible(caller: Principal, id: string): Promise<ApiKeyEntity> {
    const where: FindOptionsWhere<ApiKeyEntity> =
      caller.role === 'admin' ? { id } : { id, userId: caller.userId };
    const key = await this.keys.findOneBy(where);
    if (!key) throw new NotFoundError('API key');
    return key;
  }

  private async reload(id: string): Promise<ApiKeyEntity> {
    const key = await this.keys.findOneBy({ id });
    if (!key) throw new NotFoundError('API key');
    return key;
  }
}
