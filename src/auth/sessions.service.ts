import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { isUUID } from 'class-validator';
import { AuditService } from '../audit/audit.service';
import type { AuditActor, RequestContext } from '../audit/audit.types';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { InvalidRefreshTokenError } from '../common/errors';
import type { Role } from '../users/user.entity';
import { SessionEntity } from './session.entity';

/**
 * Refresh tokens are `<session id>.<generation>.<secret>.<mac>`: the id finds the row, the
 * digest of the whole token proves it is the current one, and the MAC (under a server key)
 * proves an older token is one we really issued, so only a real replay ends the session.
 */
interface ParsedRefreshToken {
  sessionId: string;
  generation: number;
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sameDigest(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async open(
    userId: string,
    manager?: EntityManager,
  ): Promise<{ sessionId: string; refreshToken: string }> {
    const id = randomUUID();
    const refreshToken = this.issue(id, 0);
    const sessions = manager?.getRepository(SessionEntity) ?? this.sessions;
    await sessions.insert({
      id,
      userId,
      generation: 0,
      refreshTokenHash: digest(refreshToken),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
    });
    return { sessionId: id, refreshToken };
  }

  /**
   * Rotates the refresh token. The swap is a compare-and-set on the stored digest, so of two
   * concurrent uses of one token only one wins (the other is refused; the session lives on).
   * An authentic token of an earlier generation is a replay of a rotated token, a sign of theft:
   * the whole session ends (OAuth 2.0 Security BCP, refresh-token reuse detection). Except the
   * token the last rotation replaced, presented within REFRESH_RACE_GRACE_MS of it (database
   * clock): that is the loser of such a race arriving late, refused without ending the session.
   */
  async rotate(
    refreshToken: string,
    context: RequestContext,
  ): Promise<{ sessionId: string; userId: string; refreshToken: string }> {
    const parsed = this.parse(refreshToken);
    if (!parsed) throw new InvalidRefreshTokenError();
    const { sessionId: id, generation } = parsed;
    const session = await this.sessions
      .createQueryBuilder('s')
      .addSelect('s.refreshTokenHash')
      .where('s.id = :id', { id })
      .getOne();
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) {
      throw new InvalidRefreshTokenError();
    }
    const presented = digest(refreshToken);
    if (generation < session.generation) {
      const lostRace =
        generation === session.generation - 1 && (await this.justRotated(id, presented));
      // The service ends the session on its own: the presenter may be the thief.
      if (!lostRace) {
        await this.close(id, session.userId, 'session.reuse_detected', { type: 'system' }, context);
      }
      throw new InvalidRefreshTokenError();
    }
    if (generation !== session.generation || !sameDigest(presented, session.refreshTokenHash)) {
      throw new InvalidRefreshTokenError();
    }
    const next = this.issue(id, generation + 1);
    await this.sessions.manager.transaction(async (tx) => {
      const result = await tx
        .getRepository(SessionEntity)
        .createQueryBuilder()
        .update()
        .set({
          refreshTokenHash: digest(next),
          generation: generation + 1,
          previousRefreshTokenHash: presented,
          rotatedAt: () => 'now()',
        })
        .where('id = :id AND refresh_token_hash = :presented AND revoked_at IS NULL', {
          id,
          presented,
        })
        .execute();
      if (result.affected !== 1) throw new InvalidRefreshTokenError();
      await this.audit.record(tx, {
        action: 'session.refreshed',
        actor: { type: 'user', id: session.userId },
        target: { type: 'user', id: session.userId },
        ownerUserId: session.userId,
        context,
      });
    });
    return { sessionId: id, userId: session.userId, refreshToken: next };
  }

  /** Whether `presented` is the token the session's last rotation replaced, within the grace. */
  private justRotated(id: string, presented: string): Promise<boolean> {
    return this.sessions
      .createQueryBuilder('s')
      .where('s.id = :id AND s.previous_refresh_token_hash = :presented', { id, presented })
      .andWhere('s.rotated_at > now() - make_interval(secs => CAST(:grace AS double precision))', {
        grace: this.config.refreshRaceGraceMs / 1000,
      })
      .getExists();
  }

  private issue(sessionId: string, generation: number): string {
    const body = `${sessionId}.${generation}.${randomBytes(32).toString('base64url')}`;
    return `${body}.${this.mac(body)}`;
  }

  private parse(token: string): ParsedRefreshToken | null {
    const parts = token.split('.');
    if (parts.length !== 4) return null;
    const [sessionId, generationText, , mac] = parts;
    if (!isUUID(sessionId) || !/^\d{1,9}$/.test(generationText)) return null;
    if (!sameDigest(mac, this.mac(parts.slice(0, 3).join('.')))) return null;
    return { sessionId, generation: Number(generationText) };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.config.jwt.secret)
      .update(`refresh:${body}`)
      .digest('base64url');
  }

  /** Ends a live session, with its event (none when it had already ended). */
  async close(
    sessionId: string,
    userId: string,
    action: 'user.signed_out' | 'session.reuse_detected',
    actor: AuditActor,
    context: RequestContext,
  ): Promise<void> {
    await this.sessions.manager.transaction(async (tx) => {
      const result = await tx
        .getRepository(SessionEntity)
        .update({ id: sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (result.affected !== 1) return;
      await this.audit.record(tx, {
        action,
        actor,
        target: { type: 'user', id: userId },
        ownerUserId: userId,
        context,
      });
    });
  }

  /** Ends every live session of the user. `manager`: the caller's transaction. */
  async endAllOf(userId: string, manager?: EntityManager): Promise<void> {
    await (manager?.getRepository(SessionEntity) ?? this.sessions)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: new Date() })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .execute();
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
