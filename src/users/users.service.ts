import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { QueryFailedError, Repository } from 'typeorm';
import { ConflictError } from '../common/errors';
import { type Role, UserEntity } from './user.entity';

const UNIQUE_VIOLATION = '23505';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

@Injectable()
export class UsersService {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** Includes the password hash, which is never selected otherwise. */
  findByEmailWithPassword(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalizeEmail(email) })
      .getOne();
  }

  async create(input: {
    email: string;
    passwordHash: string;
    role?: Role;
    metadata?: Record<string, unknown>;
  }): Promise<UserEntity> {
    try {
      return await this.users.save(
        this.users.create({
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
  }
}
