import { randomUUID } from 'node:crypto';
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
  ForbiddenError,
  KeyLimitReachedError,
  NotFoundError,
  RevokedKeyUnchangeableError,
  SessionEndedError,
} from '../common/errors';
import { UserEntity } from '../users/user.entity';
import { Clock } from '../common/clock';
import { WebhookOutbox } from '../webhooks/webhook-outbox';
import type { OutboxEvent } from '../webhooks/webhook-events';
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
    private readonly outbox: WebhookOutbox,
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
      await this.outbox.enqueue(tx, this.keyEvent('api_key.created', created));
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

  async update(caller: Principal, id: string, dto: UpdateApiKeyDto): Promise<ApiKeyDto> {
    const key = await this.findVisible(caller, id);
    if (key.revokedAt) {
      throw new RevokedKeyUnchangeableError();
    }
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
    if (Object.keys(changes).length === 0) return toApiKeyDto(key);
    const updated = await this.dataSource.transaction(async (tx) => {
      // Conditional on "not revoked" so a revoke racing this update wins.
      const result = await tx
        .getRepository(ApiKeyEntity)
        .update(
          { id: key.id, revokedAt: IsNull() },
          changes as Parameters<Repository<ApiKeyEntity>['update']>[1],
        );
      if (result.affected === 0) {
        throw new RevokedKeyUnchangeableError();
      }
      const reloaded = await this.reload(key.id, tx);
      await this.outbox.enqueue(tx, this.keyEvent('api_key.updated', reloaded));
      return reloaded;
    });
    await this.invalidation.publish({ kind: 'key', id: key.id });
    return toApiKeyDto(updated);
  }

  /** Idempotent: revoking again answers 200 and keeps the first `revoked_at`. */
  async revoke(caller: Principal, id: string): Promise<RevokeApiKeyResponseDto> {
    const key = await this.findVisible(caller, id);
    await this.dataSource.transaction(async (tx) => {
      const result = await tx
        .getRepository(ApiKeyEntity)
        .update({ id: key.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      // Revoking again changes nothing, so it announces nothing.
      if (result.affected === 0) return;
      const revoked = await this.reload(key.id, tx);
      await this.outbox.enqueue(tx, this.keyEvent('api_key.revoked', revoked));
    });
    await this.invalidation.publish({ kind: 'key', id: key.id });
    return { message: 'API key revoked' };
  }

  async delete(caller: Principal, id: string): Promise<DeleteApiKeyResponseDto> {
    const key = await this.findVisible(caller, id);
    await this.dataSource.transaction(async (tx) => {
      const result = await tx.getRepository(ApiKeyEntity).delete({ id: key.id });
      if (result.affected) await this.outbox.enqueue(tx, this.keyEvent('api_key.deleted', key));
    });
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

  private async reload(id: string, manager: EntityManager): Promise<ApiKeyEntity> {
    const key = await manager.getRepository(ApiKeyEntity).findOneBy({ id });
    if (!key) throw new NotFoundError('API key');
    return key;
  }

  /** A key's change as a webhook event (the key as the API shows it: never its secret). */
  private keyEvent(type: string, key: ApiKeyEntity): OutboxEvent {
    const at = this.clock.now();
    return {
      id: randomUUID(),
      type,
      at,
      ownerUserId: key.userId,
      data: { api_key: toApiKeyDto(key) },
    };
  }
}
