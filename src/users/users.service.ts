import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { KeyCache } from '../api-keys/key-cache';
import { KeyInvalidationBus } from '../api-keys/key-invalidation.bus';
import { ForbiddenError, NotFoundError } from '../common/errors';
import { ListUsersQueryDto, ListUsersResponseDto, UpdateUserDto } from './dto/users.dto';
import { toUserDto, UserDto } from './user.dto';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, QueryFailedError, Repository } from 'typeorm';
import { ConflictError } from '../common/errors';
import { normalizeEmail } from './email';
import { type Role, UserEntity } from './user.entity';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly invalidation: KeyInvalidationBus,
    private readonly cache: KeyCache,
  ) {}

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

  async update(caller: Principal, id: string, dto: UpdateUserDto): Promise<UserDto> {
    const user = await this.findVisible(caller, id);
    const roleChanged = dto.role !== undefined && dto.role !== user.role;
    if (roleChanged && caller.role !== 'admin') {
      throw new ForbiddenError('forbidden', 'Only an admin may change a role');
    }
    // Only the fields sent are written: saving the whole entity would write back a role that
    // an admin changed meanwhile.
    const changes: Partial<Pick<UserEntity, 'metadata' | 'role'>> = {};
    if (dto.metadata !== undefined) changes.metadata = dto.metadata;
    if (dto.role !== undefined) changes.role = dto.role;
    if (Object.keys(changes).length > 0) {
      await this.users.update({ id }, changes as Parameters<Repository<UserEntity>['update']>[1]);
    }
    const saved = await this.findVisible(caller, id);
    // Every instance drops its cached copy of the user (served by GET /auth/user) and, as the
    // owner's role bounds every key it holds, re-reads the user's keys.
    await this.invalidation.publish({ kind: 'user', id });
    return toUserDto(saved);
  }

  async delete(caller: Principal, id: string): Promise<{ message: string }> {
    const user = await this.findVisible(caller, id);
    await this.users.delete({ id: user.id }); // keys and sessions go with it (ON DELETE CASCADE)
    await this.invalidation.publish({ kind: 'user', id: user.id });
    return { message: 'User deleted' };
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
   * For read-only answers on the hot path (GET /auth/user): the cached record when there is one
   * (a key lookup caches its owner in the same statement), kept current by the 'user'
   * invalidation events every change of a user publishes. Never for read-modify-write.
   */
  /** As findByIdCached, as the answer body; synchronous when cached. */
  findDtoCached(id: string): Readonly<UserDto> | Promise<Readonly<UserDto> | null> {
    return (
      this.cache.getUserDto(id) ??
      this.findByIdCached(id).then((user) =>
        user ? (this.cache.getUserDto(id) ?? toUserDto(user)) : null,
      )
    );
  }

  async findByIdCached(id: string): Promise<UserEntity | null> {
    const cached = this.cache.getUser(id);
    if (cached) return cached;
    const epoch = this.cache.beginLookup();
    const user = await this.findById(id);
    if (user) this.cache.setUser(user, epoch);
    return user;
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
        throw new ConflictError('email_taken', 'An account with this email already exists');
      }
      throw err;
    }
  }

  async setPasswordAndRole(id: string, passwordHash: string, role: Role): Promise<void> {
    await this.users.update({ id }, { passwordHash, role });
    await this.invalidation.publish({ kind: 'user', id });
  }
}
