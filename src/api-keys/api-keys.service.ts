import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, QueryFailedError, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { actorOf, AuditService, changedFields } from '../audit/audit.service';
import type { AuditActor, AuditChanges, RequestContext } from '../audit/audit.types';
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
import { Clock } from '../common/clock';
import { ApiKeyEntity } from './api-key.entity';
import { digestApiKey, generateApiKey, visiblePrefix } from './api-key-format';
import { toApiKeyDto } from './api-key.mapper';
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
    allowed_ips: key.allowedIps,
    credits:
      key.creditsRemaining === null || key.creditsRemaining === undefined
        ? null
        : {
            remaining: key.creditsRemaining,
            refill:
              key.creditsRefillAmount && key.creditsRefillInterval
                ? { amount: key.creditsRefillAmount, interval: key.creditsRefillInterval }
                : null,
          },
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
    private readonly clock: Clock,
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

  async update(
    caller: Principal,
    id: string,
    dto: UpdateApiKeyDto,
    context: RequestContext,
  ): Promise<ApiKeyDto> {
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
    if (changed) await this.invalidation.publish({ kind: 'key', id: changed, change: 'updated' });
    return toApiKeyDto(await this.reload(id), this.clock.now());
  }

  /** A requested balance as stored: it belongs to the refill period holding the clock's now. */
  private storedCredits(credits: KeyCreditsDto | null): StoredCredits {
    if (credits === null) {
      return {
        creditsRemaining: null,
        creditsBalanceSet: null,
        creditsRefillAmount: null,
        creditsRefillInterval: null,
        creditsPeriod: null,
      };
    }
    const refill = credits.refill;
    return {
      creditsRemaining: credits.remaining,
      creditsBalanceSet: credits.remaining,
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
   * the key (and the audit log) exactly as they were.
   */
  async rotate(
    caller: Principal,
    id: string,
    dto: RotateApiKeyDto,
    context: RequestContext,
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
      const keyPrefix = visiblePrefix(key);
      const previousKeyExpiresAt = new Date(now.getTime() + graceMs);
      await repo.update(
        { id: current.id },
        {
          keyHash: digestApiKey(key, this.config.keyPepper),
          keyPrefix,
          previousKeyHash: current.keyHash,
          previousKeyPrefix: current.keyPrefix,
          previousKeyExpiresAt,
          rotatedAt: now,
        },
      );
      await this.recordKeyEvent(tx, 'api_key.rotated', actorOf(caller), current, context, {
        key_prefix: { from: current.keyPrefix, to: keyPrefix },
        previous_key_expires_at: { to: previousKeyExpiresAt.toISOString() },
      });
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
    await this.invalidation.publish({ kind: 'key', id: keyId, change: 'revoked' });
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
    await this.invalidation.publish({ kind: 'key', id: keyId, change: 'deleted' });
    return { message: 'API key deleted' };
  }

  /**
   * Revokes every live key of the user inside the caller's transaction and returns their ids. The
   * caller publishes the owner's 'user' invalidation after the commit, which drops every cached
   * key of the owner.
   */
  async revokeAllOf(
    userId: string,
    manager: EntityManager,
    actor: AuditActor = { type: 'system' },
  ): Promise<string[]> {
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
    return (result.raw as { id: string }[]).map((row) => row.id);
  }

  /** The ids of every key of the user, inside the caller's transaction (for the change stream). */
  async keyIdsOf(userId: string, manager: EntityManager): Promise<string[]> {
    const rows = await manager
      .getRepository(ApiKeyEntity)
      .find({ select: { id: true }, where: { userId } });
    return rows.map((row) => row.id);
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
