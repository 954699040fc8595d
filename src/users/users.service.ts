import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { actorOf, AuditService, changedFields } from '../audit/audit.service';
import type { RequestContext } from '../audit/audit.types';
import { SessionsService } from '../auth/sessions.service';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { KEY_CACHE_REFRESH } from '../api-keys/api-key-auth.service';
import { KeyInvalidationBus } from '../api-keys/key-invalidation.bus';
import { ErrorCode } from '../common/error-codes';
import { EmailTakenError, ForbiddenError, LastAdminError, NotFoundError } from '../common/errors';
import { ListUsersQueryDto, ListUsersResponseDto, UpdateUserDto } from './dto/users.dto';
import { toUserDto, UserDto } from './user.dto';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, Repository } from 'typeorm';
import { normalizeEmail } from './email';
import { UserCache } from './user-cache';
import { type Role, UserEntity } from './user.entity';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
    private readonly invalidation: KeyInvalidationBus,
    private readonly cache: UserCache,
    private readonly audit: AuditService,
  ) {
    invalidation.onUserInvalidation((userId) => this.cache.evict(userId));
  }

  async list(caller: Principal, query: ListUsersQueryDto): Promise<ListUsersResponseDto> {
    if (caller.role !== 'admin') {
      const self = await this.findById(caller.userId);
      return { users: self ? [toUserDto(self)] : [], total: self ? 1 : 0 };
    }
    const [rows, total] = await this.users.findAndCount({
      order: { createdAt: 'ASC', id: 'ASC' },
      take: query.limit ?? 50,
      skip: query.offset ?? 0,
    });
    return { users: rows.map(toUserDto), total };
  }

  async getVisible(caller: Principal, id: string): Promise<UserDto> {
    return toUserDto(await this.findVisible(caller, id));
  }

  async update(
    caller: Principal,
    id: string,
    dto: UpdateUserDto,
    context: RequestContext,
  ): Promise<UserDto> {
    // A role is power over every account: only a person may hand it out or take it away, never
    // a (possibly leaked) key, whatever its owner may do.
    if (dto.role !== undefined && caller.kind !== 'session') {
      throw new ForbiddenError(
        ErrorCode.UserSessionRequired,
        'Changing a role needs a user session; API keys cannot do it',
      );
    }
    const user = await this.findVisible(caller, id);
    const roleChanged = dto.role !== undefined && dto.role !== user.role;
    if (roleChanged && caller.role !== 'admin') {
      throw new ForbiddenError(ErrorCode.Forbidden, 'Only an admin may change a role');
    }
    // Only the fields sent are written: saving the whole entity would write back a role that
    // an admin changed meanwhile. A non-admin's restated role is no change and is not written.
    const changes: Partial<Pick<UserEntity, 'metadata' | 'role'>> = {};
    if (dto.metadata !== undefined) changes.metadata = dto.metadata;
    if (dto.role !== undefined && caller.role === 'admin') changes.role = dto.role;
    let keyIds: string[] = [];
    if (Object.keys(changes).length > 0) {
      keyIds = await this.dataSource.transaction(async (tx) => {
        if (changes.role === 'user') await this.keepAnAdmin(tx, id);
        // Locked: the audit's "from" is the value this update replaced.
        const current = await tx
          .getRepository(UserEntity)
          .createQueryBuilder('u')
          .where('u.id = :id', { id })
          .setLock('pessimistic_write')
          .getOne();
        if (!current) throw new NotFoundError('User');
        await tx
          .getRepository(UserEntity)
          .update({ id }, changes as Parameters<Repository<UserEntity>['update']>[1]);
        const diff = changedFields(
          { metadata: current.metadata, role: current.role },
          { ...changes },
        );
        if (Object.keys(diff).length > 0) {
          await this.audit.record(tx, {
            action: 'user.updated',
            actor: actorOf(caller),
            target: { type: 'user', id },
            ownerUserId: id,
            changes: diff,
            context,
          });
        }
        return changes.role !== undefined ? this.apiKeys.keyIdsOf(id, tx) : [];
      });
    }
    const saved = await this.findVisible(caller, id);
    // Every instance drops its cached copy of the user (served by GET /auth/user) and, as the
    // owner's role bounds every key it holds, re-reads the user's keys; verifying services hear
    // of each key on the key change stream.
    await this.invalidation.publish({
      kind: 'user',
      id,
      keyChanges: { keyIds, change: 'updated' },
    });
    return toUserDto(saved);
  }

  async delete(
    caller: Principal,
    id: string,
    context: RequestContext,
  ): Promise<{ message: string }> {
    const user = await this.findVisible(caller, id);
    const keyIds = await this.dataSource.transaction(async (tx) => {
      await this.keepAnAdmin(tx, user.id);
      const ids = await this.apiKeys.keyIdsOf(user.id, tx);
      // Keys and sessions go with it (ON DELETE CASCADE): this one event covers them.
      const result = await tx.getRepository(UserEntity).delete({ id: user.id });
      if (result.affected === 1) {
        await this.audit.record(tx, {
          action: 'user.deleted',
          actor: actorOf(caller),
          target: { type: 'user', id: user.id },
          ownerUserId: user.id,
          context,
        });
      }
      return ids;
    });
    await this.invalidation.publish({
      kind: 'user',
      id: user.id,
      keyChanges: { keyIds, change: 'deleted' },
    });
    return { message: 'User deleted' };
  }

  /**
   * Refuses to let `id` stop being an admin when it is the last one: nobody could then manage
   * roles or other users. Locks every admin row (in id order, so two such checks cannot
   * deadlock), so two admins removing each other at once cannot both pass.
   */
  private async keepAnAdmin(tx: EntityManager, id: string): Promise<void> {
    const admins = await tx
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .select('u.id')
      .where("u.role = 'admin'")
      .orderBy('u.id')
      .setLock('pessimistic_write')
      .getMany();
    if (admins.length === 1 && admins[0].id === id) {
      throw new LastAdminError();
    }
  }

  /** Someone else's record is "not found" for a non-admin, never "forbidden". */
  private async findVisible(caller: Principal, id: string): Promise<UserEntity> {
    const user = caller.role === 'admin' || caller.userId === id ? await this.findById(id) : null;
    if (!user) throw new NotFoundError('User');
    return user;
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /**
   * The user as GET /auth/user answers it, from UserCache when it is there (kept current by the
   * 'user' events every change of a user publishes). Never for read-modify-write.
   */
  async findDtoCached(id: string): Promise<Readonly<UserDto> | null> {
    const cached = this.cache.get(id);
    if (cached !== undefined) {
      if (this.cache.isAging(id)) void this.refreshCached(id);
      return cached;
    }
    const epoch = this.cache.beginLookup();
    const user = await this.findById(id);
    return user ? this.cache.set(user, epoch) : null;
  }

  /** Re-reads a cached user off the request path; a user gone is evicted. */
  private async refreshCached(id: string): Promise<void> {
    const epoch = this.cache.beginLookup();
    try {
      const rows = await this.users.query<UserEntity[]>(
        `/* ${KEY_CACHE_REFRESH} */ SELECT id, email, role, email_verified AS "emailVerified",
           metadata, created_at AS "createdAt", updated_at AS "updatedAt"
         FROM users WHERE id = ANY($1::uuid[])`,
        [[id]],
      );
      if (rows.length === 0) this.cache.evict(id);
      else this.cache.set(rows[0], epoch);
    } catch (err) {
      // The entry expires on time and is read on its next request.
      this.logger.warn(`User cache refresh failed: ${(err as Error).message}`);
    }
  }

  /** Includes the password hash, which is never selected otherwise. */
  findByEmailWithPassword(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalizeEmail(email) })
      .getOne();
  }

  /** `manager`: run inside the caller's transaction (sign-up creates the user and its session). */
  async create(
    input: {
      email: string;
      passwordHash: string;
      role?: Role;
      metadata?: Record<string, unknown>;
    },
    manager?: EntityManager,
  ): Promise<UserEntity> {
    const users = manager?.getRepository(UserEntity) ?? this.users;
    try {
      return await users.save(
        users.create({
          email: normalizeEmail(input.email),
          passwordHash: input.passwordHash,
          role: input.role ?? 'user',
          metadata: input.metadata ?? {},
        }),
      );
    } catch (err) {
      if (
        err instanceof QueryFailedError &&
        (err.driverError as { code?: string }).code === UNIQUE_VIOLATION
      ) {
        throw new EmailTakenError();
      }
      throw err;
    }
  }

  /**
   * The start-up admin (ADMIN_EMAIL): created, or the account with that email taken over. Who
   * signed up with the address first keeps no way in: the take-over ends every session of the
   * account and revokes every key it had, in the same transaction. An account that already is
   * this admin (`hasPassword` checks the stored hash) is left alone, so a restart signs nobody out.
   */
  async ensureAdmin(
    email: string,
    passwordHash: string,
    hasPassword: (storedHash: string) => Promise<boolean>,
  ): Promise<'created' | 'unchanged' | 'taken_over'> {
    const outcome = await this.dataSource.transaction(async (tx) => {
      // Locked, so instances starting together take it over once and the others find it done.
      const existing = await tx
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .addSelect('u.passwordHash')
        .where('u.email = :email', { email: normalizeEmail(email) })
        .setLock('pessimistic_write')
        .getOne();
      if (!existing) {
        const created = await this.create({ email, passwordHash, role: 'admin' }, tx);
        await this.audit.record(tx, {
          action: 'user.signed_up',
          actor: { type: 'system' },
          target: { type: 'user', id: created.id },
          ownerUserId: created.id,
          changes: { role: { to: 'admin' } },
        });
        return 'created';
      }
      if (existing.role === 'admin' && (await hasPassword(existing.passwordHash))) {
        return 'unchanged';
      }
      await this.writePassword(tx, existing.id, passwordHash, { role: 'admin' });
      const revoked = await this.apiKeys.revokeAllOf(existing.id, tx);
      // The password is named as changed, never given.
      await this.audit.record(tx, {
        action: 'user.updated',
        actor: { type: 'system' },
        target: { type: 'user', id: existing.id },
        ownerUserId: existing.id,
        changes: { ...changedFields({ role: existing.role }, { role: 'admin' }), password: {} },
      });
      return { takenOver: existing.id, revoked };
    });
    if (typeof outcome === 'string') return outcome;
    // Drops the user and every cached key of it on every instance.
    await this.invalidation.publish({
      kind: 'user',
      id: outcome.takenOver,
      keyChanges: { keyIds: outcome.revoked, change: 'revoked' },
    });
    return 'taken_over';
  }

  /**
   * The only place a password is written: every session of the account ends with the old
   * password. The caller publishes the user's invalidation after the commit.
   */
  private async writePassword(
    tx: EntityManager,
    id: string,
    passwordHash: string,
    alsoChange: { role?: Role },
  ): Promise<void> {
    await tx.getRepository(UserEntity).update({ id }, { passwordHash, ...alsoChange });
    await this.sessions.endAllOf(id, tx);
  }
}
