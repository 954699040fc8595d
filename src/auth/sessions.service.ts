import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { isUUID } from 'class-validator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { UnauthorizedError } from '../common/errors';
import type { Role } from '../users/user.entity';
import { SessionEntity } from './session.entity';

/** Refresh tokens are `<session id>.<secret>`: the id finds the row, the secret proves it. */
function newRefreshSecret(): string {
  return randomBytes(32).toString('base64url');
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameDigest(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

const invalidRefresh = (): UnauthorizedError =>
  new UnauthorizedError('invalid_token', 'Refresh token is invalid or has expired');

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async open(userId: string): Promise<{ sessionId: string; refreshToken: string }> {
    const id = randomUUID();
    const refreshToken = `${id}.${newRefreshSecret()}`;
    await this.sessions.insert({
      id,
      userId,
      refreshTokenHash: digest(refreshToken),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
    });
    return { sessionId: id, refreshToken };
  }

  /**
   * Rotates the refresh token. The swap is a compare-and-set on the stored digest, so of two
   * concurrent uses of one token only one wins. A token that was already rotated is a sign of
   * theft: the whole session ends (OAuth 2.0 Security BCP, refresh-token reuse detection).
   */
  async rotate(
    refreshToken: string,
  ): Promise<{ sessionId: string; userId: string; refreshToken: string }> {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret || !isUUID(id)) throw invalidRefresh();
    const session = await this.sessions
      .createQueryBuilder('s')
      .addSelect('s.refreshTokenHash')
      .where('s.id = :id', { id })
      .getOne();
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) {
      throw invalidRefresh();
    }
    const presented = digest(refreshToken);
    const next = `${id}.${newRefreshSecret()}`;
    if (sameDigest(presented, session.refreshTokenHash)) {
      const result = await this.sessions
        .createQueryBuilder()
        .update()
        .set({ refreshTokenHash: digest(next) })
        .where('id = :id AND refresh_token_hash = :presented AND revoked_at IS NULL', {
          id,
          presented,
        })
        .execute();
      if (result.affected === 1)
        return { sessionId: id, userId: session.userId, refreshToken: next };
    }
    await this.close(id);
    throw invalidRefresh();
  }

  async close(sessionId: string): Promise<void> {
    await this.sessions.update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** The session's owner and current role, or null when the session has ended. */
  async findActive(sessionId: string, userId: string): Promise<{ role: Role } | null> {
    const row = await this.sessions
      .createQueryBuilder('s')
      .innerJoin('s.user', 'u')
      .select('u.role', 'role')
      .where('s.id = :sessionId AND s.user_id = :userId', { sessionId, userId })
      .andWhere('s.revoked_at IS NULL AND s.expires_at > now()')
      .getRawOne<{ role: Role }>();
    return row ?? null;
  }
}
