import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, QueryFailedError, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { actorOf, AuditService, changedFields } from '../audit/audit.service';
import type { AuditActor, AuditChanges, RequestContext } from '../audit/audit.types';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ErrorCode } from '../common/error-codes';
import {
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
  CreateApiKeyResponseDto,
  DEFAULT_LIST_LIMIT,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DeleteApiKeyResponseDto,
  ListApiKeysQueryDto,
  ListApiKeysResponseDto,
  RevokeApiKeyResponseDto,
  UpdateApiKeyDto,
} from './dto/api-key.dto';

const FOREIGN_KEY_VIOLATION = '23503';

/** The settings a new key was given (those left empty are not news). */
function settingsSet(key: ApiKeyEntity): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(auditedFields(key)).filter(([, v]) => v !== null && JSON.stringify(v) !== '{}'),
  );
}

/** A key's settings as the audit log names them (the API's field names); no secret or digest. */
function auditedFields(key: Partial<ApiKeyEntity>): Record<string, unknown> {
  return {
    name: key.name,
    description: key.description,
    scopes: key.scopes,
    rate_limit_per_minute: key.rateLimitPerMinute,
    expires_at: key.expiresAt,
    metadata: key.metadata,
  };
}

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
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.cursors = new ListCursorCodec(config.keyPepper);
  }

  async create(
    owner: Principal,
    dto: CreateApiKeyDto,
    context: RequestContext,
  ): Promise<CreateApiKeyResponseDto> {
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
      let created: ApiKeyEntity;
      try {
        created = await repo.save(
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
          }),
        );
      } catch (err) {
        // The lock above should leave no way to get here; if the owner is gone all the same,
        // that is the caller's ended session, not a server fault.
        if (isForeignKeyViolation(err)) throw ownerGone();
        throw err;
      }
      await this.recordKeyEvent(tx, 'api_key.created', actorOf(owner), created, context, {
        ...changedFields({}, settingsSet(created)),
        key_prefix: { to: created.keyPrefix },
      });
      return created;
    });
    // No instance may keep refusing this key's digest as one it found unknown before.
    await this.invalidation.publish({ kind: 'created' });
    // INSERT ... RETURNING already filled the generated columns: no second read, and no way to
    // lose the only copy of the key to a failure after the commit.
    return { api_key: toApiKeyDto(saved), key };
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
      api_keys: entities.slice(0, limit).map(toApiKeyDto),
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
    return toApiKeyDto(await this.findVisible(caller, id));
  }

  async update(
    caller: Principal,
    id: string,
    dto: UpdateApiKeyDto,
    context: RequestContext,
  ): Promise<ApiKeyDto> {
    const changes: Partial<
      Pick<
        ApiKeyEntity,
        'name' | 'description' | 'scopes' | 'rateLimitPerMinute' | 'expiresAt' | 'metadata'
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
    const changed = await this.dataSource.transaction(async (tx) => {
      // Locked, so a revoke racing this update wins or waits, and the audit's "from" is the
      // value this update replaced.
      const key = await this.findVisible(caller, id, tx, true);
      if (key.revokedAt) {
        throw new RevokedKeyUnchangeableError();
      }
      if (Object.keys(changes).length === 0) return null;
      await tx
        .getRepository(ApiKeyEntity)
        .update({ id: key.id }, changes as Parameters<Repository<ApiKeyEntity>['update']>[1]);
      const diff = changedFields(auditedFields(key), auditedFields({ ...key, ...changes }));
      if (Object.keys(diff).length > 0) {
        await this.recordKeyEvent(tx, 'api_key.updated', actorOf(caller), key, context, diff);
      }
      return key.id;
    });
    if (changed) await this.invalidation.publish({ kind: 'key', id: changed });
    return toApiKeyDto(await this.reload(id));
  }

  /** Idempotent: revoking again answers 200 and keeps the first `revoked_at`. */
  async revoke(
    caller: Principal,
    id: string,
    context: RequestContext,
  ): Promise<RevokeApiKeyResponseDto> {
    const keyId = await this.dataSource.transaction(async (tx) => {
      const key = await this.findVisible(caller, id, tx);
      const revokedAt = new Date();
      const result = await tx
        .getRepository(ApiKeyEntity)
        .update({ id: key.id, revokedAt: IsNull() }, { revokedAt });
      if (result.affected === 1) {
        await this.recordKeyEvent(tx, 'api_key.revoked', actorOf(caller), key, context, {
          revoked_at: { from: null, to: revokedAt },
        });
      }
      return key.id;
    });
    await this.invalidation.publish({ kind: 'key', id: keyId });
    return { message: 'API key revoked' };
  }

  async delete(
    caller: Principal,
    id: string,
    context: RequestContext,
  ): Promise<DeleteApiKeyResponseDto> {
    const keyId = await this.dataSource.transaction(async (tx) => {
      const key = await this.findVisible(caller, id, tx);
      const result = await tx.getRepository(ApiKeyEntity).delete({ id: key.id });
      // A concurrent delete got there first: that one is the event, this answers as it did.
      if (result.affected === 1) {
        await this.recordKeyEvent(tx, 'api_key.deleted', actorOf(caller), key, context);
      }
      return key.id;
    });
    await this.invalidation.publish({ kind: 'key', id: keyId });
    return { message: 'API key deleted' };
  }

  /**
   * Revokes every live key of the user inside the caller's transaction. The caller publishes the
   * owner's 'user' invalidation after the commit, which drops every cached key of the owner.
   */
  async revokeAllOf(
    userId: string,
    manager: EntityManager,
    actor: AuditActor = { type: 'system' },
  ): Promise<void> {
    const revokedAt = new Date();
    const result = await manager
      .getRepository(ApiKeyEntity)
      .createQueryBuilder()
      .update()
      .set({ revokedAt })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .returning(['id'])
      .execute();
    for (const { id } of result.raw as { id: string }[]) {
      await this.audit.record(manager, {
        action: 'api_key.revoked',
        actor,
        target: { type: 'api_key', id },
        ownerUserId: userId,
        changes: { revoked_at: { from: null, to: revokedAt } },
      });
    }
  }

  /** Someone else's key is "not found", never "forbidden": a 403 would confirm it exists. */
  private async findVisible(
    caller: Principal,
    id: string,
    manager: EntityManager = this.keys.manager,
    lock = false,
  ): Promise<ApiKeyEntity> {
    const qb = manager
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .where('k.id = :id', { id });
    if (caller.role !== 'admin') qb.andWhere('k.user_id = :userId', { userId: caller.userId });
    if (lock) qb.setLock('pessimistic_write');
    const key = await qb.getOne();
    if (!key) throw new NotFoundError('API key');
    return key;
  }

  /**
   * One event about `key`, in the transaction of its change: its owner sees it, whoever
   * made it. Never its digest (it is not even selected).
   */
  private recordKeyEvent(
    tx: EntityManager,
    action:
      | 'api_key.created'
      | 'api_key.updated'
      | 'api_key.rotated'
      | 'api_key.revoked'
      | 'api_key.deleted',
    actor: AuditActor,
    key: ApiKeyEntity,
    context: RequestContext,
    changes?: AuditChanges,
  ): Promise<unknown> {
    return this.audit.record(tx, {
      action,
      actor,
      target: { type: 'api_key', id: key.id },
      ownerUserId: key.userId,
      changes,
      context,
    });
  }

  private async reload(id: string): Promise<ApiKeyEntity> {
    const key = await this.keys.findOneBy({ id });
    if (!key) throw new NotFoundError('API key');
    return key;
  }
}
