import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { RequestContext } from '../audit/audit.types';
import { APP_CONFIG, type AppConfig, ConfigError } from '../config/app-config';
import {
  InvalidCredentialsError,
  InvalidRefreshTokenError,
  NotFoundError,
  ValidationFailedError,
} from '../common/errors';
import { toUserDto, UserDto } from '../users/user.dto';
import { UserEntity } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthResponseDto, SignInDto, SignUpDto } from './dto/auth.dto';
import { PasswordService } from './password.service';
import type { SessionPrincipal } from './principal';
import { SessionsService } from './sessions.service';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
}

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly passwords: PasswordService,
    private readonly jwt: JwtService,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** ADMIN_EMAIL + ADMIN_PASSWORD create, or promote, the operator's admin at start-up. */
  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin) return;
    const problems = this.passwords.check(admin.password, 'ADMIN_PASSWORD');
    if (problems.length > 0) {
      throw new ConfigError(`ADMIN_PASSWORD ${problems.map((p) => p.problem).join('; ')}`);
    }
    const passwordHash = await this.passwords.hash(admin.password);
    const outcome = await this.users.ensureAdmin(admin.email, passwordHash, (stored) =>
      this.passwords.verify(stored, admin.password),
    );
    this.logger.log(
      outcome === 'taken_over'
        ? `Admin account set for existing ${admin.email}; its earlier sessions and API keys ended`
        : `Admin account ensured for ${admin.email}`,
    );
  }

  async signUp(dto: SignUpDto, context: RequestContext): Promise<AuthResponseDto> {
    if (dto.metadata !== undefined && dto.user_metadata !== undefined) {
      throw new ValidationFailedError([
        { field: 'user_metadata', problem: 'send metadata or user_metadata, not both' },
      ]);
    }
    const metadata = dto.metadata ?? dto.user_metadata;
    const problems = this.passwords.check(dto.password);
    if (problems.length > 0) throw new ValidationFailedError(problems);
    const passwordHash = await this.passwords.hash(dto.password);
    // One transaction: an account is never left behind without the session the caller was
    // promised (a retry would then meet 409 email_taken).
    const { user, session } = await this.dataSource.transaction(async (manager) => {
      const created = await this.users.create(
        { email: dto.email, passwordHash, metadata },
        manager,
      );
      const session = await this.sessions.open(created.id, manager);
      await this.audit.record(manager, {
        action: 'user.signed_up',
        actor: { type: 'user', id: created.id },
        target: { type: 'user', id: created.id },
        ownerUserId: created.id,
        context,
      });
      return { user: created, session };
    });
    return this.respond(user, session.sessionId, session.refreshToken);
  }

  async signIn(dto: SignInDto, context: RequestContext): Promise<AuthResponseDto> {
    const user = await this.users.findByEmailWithPassword(dto.email);
    // Verified even when the user does not exist (against a dummy hash): same work, same answer.
    const ok = await this.passwords.verify(user?.passwordHash, dto.password);
    if (!user || !ok) {
      // Recorded whether or not the account exists (same work either way). The sign-in limits
      // per IP and per email bound how fast anyone can add these rows; the email tried is not
      // kept. The actor is a person not identified.
      await this.dataSource.transaction((tx) =>
        this.audit.record(tx, {
          action: 'user.sign_in_failed',
          actor: { type: 'user' },
          target: user ? { type: 'user', id: user.id } : undefined,
          ownerUserId: user?.id,
          context,
        }),
      );
      throw new InvalidCredentialsError();
    }
    const { sessionId, refreshToken } = await this.dataSource.transaction(async (tx) => {
      const opened = await this.sessions.open(user.id, tx);
      await this.audit.record(tx, {
        action: 'user.signed_in',
        actor: { type: 'user', id: user.id },
        target: { type: 'user', id: user.id },
        ownerUserId: user.id,
        context,
      });
      return opened;
    });
    return this.respond(user, sessionId, refreshToken);
  }

  async refresh(refreshToken: string, context: RequestContext): Promise<AuthResponseDto> {
    const rotated = await this.sessions.rotate(refreshToken, context);
    const user = await this.users.findById(rotated.userId);
    if (!user) throw new InvalidRefreshTokenError();
    return this.respond(user, rotated.sessionId, rotated.refreshToken);
  }

  signOut(principal: SessionPrincipal, context: RequestContext): Promise<void> {
    const actor = { type: 'user', id: principal.userId } as const;
    return this.sessions.close(
      principal.sessionId,
      principal.userId,
      'user.signed_out',
      actor,
      context,
    );
  }

  async getUser(userId: string): Promise<Readonly<UserDto>> {
    const dto = await this.users.findDtoCached(userId);
    if (!dto) throw new NotFoundError('User');
    return dto;
  }

  private async respond(
    user: UserEntity,
    sessionId: string,
    refreshToken: string,
  ): Promise<AuthResponseDto> {
    const claims: AccessTokenClaims = { sub: user.id, sid: sessionId };
    const accessToken = await this.jwt.signAsync(claims);
    return {
      user: toUserDto(user),
      access_token: accessToken,
      refresh_token: refreshToken,
      expires_in: this.config.jwt.accessTtlSeconds,
      token_type: 'bearer',
    };
  }
}
