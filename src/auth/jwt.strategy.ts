import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { isUUID } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { effectiveScopes } from '../api-keys/scopes';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { InvalidAccessTokenError, SessionEndedError } from '../common/errors';
import type { AccessTokenClaims } from './auth.service';
import { userBucket } from '../rate-limit/buckets';
import { callerRateLimited } from '../rate-limit/caller-limit';
import { RateLimiterService } from '../rate-limit/rate-limiter.service';
import { AuthFailureBudget } from './auth-failure-budget';
import type { SessionPrincipal } from './principal';
import { SessionsService } from './sessions.service';

/** class-validator's check (a string, and a UUID), as a type guard. */
const isId = (value: unknown): value is string => isUUID(value);

interface VerifiedClaims extends Partial<AccessTokenClaims> {
  exp?: number;
}

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly failures: AuthFailureBudget,
    private readonly limiter: RateLimiterService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwt.secret,
      algorithms: ['HS256'],
      issuer: config.jwt.issuer,
      audience: config.jwt.audience,
      ignoreExpiration: false,
      passReqToCallback: true,
    });
  }

  /** Signature, alg, iss, aud and exp were checked by passport-jwt; the session must be live. */
  async validate(request: FastifyRequest, claims: VerifiedClaims): Promise<SessionPrincipal> {
    // jsonwebtoken accepts a token without `exp`; ours always have one, so its absence is forgery.
    // Ids that are not UUIDs never name a session (and PostgreSQL would reject them as uuid).
    if (typeof claims.exp !== 'number' || !isId(claims.sub) || !isId(claims.sid)) {
      throw new InvalidAccessTokenError();
    }
    this.refuseBeforeLookup(request, claims.sub);
    const session = await this.sessions.findActive(claims.sid, claims.sub);
    if (!session) throw new SessionEndedError();
    return {
      kind: 'session',
      userId: claims.sub,
      role: session.role,
      sessionId: claims.sid,
      scopes: effectiveScopes(session.role),
    };
  }

  /**
   * Before the session lookup (the signature is verified, so `userId` is the token's own): a
   * user known to be over its limit gets the caller budget's 429, an IP past its failure budget
   * its 429, neither costing a statement.
   */
  private refuseBeforeLookup(request: FastifyRequest, userId: string): void {
    const limit = this.config.sessionRateLimitPerMinute;
    const refusal = this.limiter.knownRefusal(userBucket(userId), limit);
    if (refusal !== undefined) {
      throw callerRateLimited(limit, refusal.resetSeconds, refusal.retryAfterSeconds);
    }
    this.failures.refuseIfSpent(request.ip);
  }
}
