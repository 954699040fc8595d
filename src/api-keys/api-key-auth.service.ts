import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnModuleInit,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, type SelectQueryBuilder } from 'typeorm';
import type { ApiKeyPrincipal } from '../auth/principal';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ErrorCode } from '../common/error-codes';
import { UnauthorizedError } from '../common/errors';
import { ApiKeyEntity } from './api-key.entity';
import { cacheKeyOf, digestApiKey, isWellFormedApiKey } from './api-key-format';
import type { ApiKeyDto } from './dto/api-key.dto';
import { IpAllowlist } from './ip-allowlist';
import { KeyCache, type CachedKey } from './key-cache';
import { LastUsedTracker } from './last-used.tracker';
import { toApiKeyDto } from './api-key.mapper';
import { MetricsService } from '../metrics/metrics.service';
import { UsageCounter } from '../usage/usage-counter';
import type { UsageOutcome } from '../usage/usage-outcome';
import { effectiveScopes, type Scope } from './scopes';

/** The SQL comment that marks the refresh statement: the bench counts it apart. */
export const KEY_CACHE_REFRESH = 'keyward:key-cache-refresh';

type KnownKeyRefusal =
  typeof ErrorCode.ApiKeyRevoked | typeof ErrorCode.ApiKeyExpired | typeof ErrorCode.ApiKeyRotated;

export type KeyCheck =
  | { ok: true; key: CachedKey }
  | { ok: false; code: typeof ErrorCode.InvalidApiKey | KnownKeyRefusal };

const REFUSED_OUTCOME: Record<KnownKeyRefusal, UsageOutcome> = {
  [ErrorCode.ApiKeyRevoked]: 'revoked',
  [ErrorCode.ApiKeyExpired]: 'expired',
  [ErrorCode.ApiKeyRotated]: 'rotated',
};

const REFUSAL_MESSAGES: Record<KnownKeyRefusal | typeof ErrorCode.InvalidApiKey, string> = {
  [ErrorCode.InvalidApiKey]: 'API key is invalid',
  [ErrorCode.ApiKeyRevoked]: 'API key has been revoked',
  [ErrorCode.ApiKeyExpired]: 'API key has expired',
  [ErrorCode.ApiKeyRotated]: 'API key has been rotated; use its new secret',
};

/**
 * Authenticates a presented key: shape and checksum first (no I/O), then the cache, then one
 * indexed lookup by digest. A database failure propagates (503): we never answer 401 for a key
 * we could not check, and never 200 for one we never verified.
 */
@Injectable()
export class ApiKeyAuthService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('KeyCache');
  private refreshTimer?: NodeJS.Timeout;
  private refreshing?: Promise<void>;
  /** Lookups in flight by cache key, so that concurrent misses of one key share a statement. */
  private readonly lookups = new Map<string, Lookup>();

  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    private readonly cache: KeyCache,
    private readonly lastUsed: LastUsedTracker,
    private readonly usage: UsageCounter,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // Every quarter TTL, the used keys with half their TTL or less left: each is refreshed
    // with a quarter TTL to spare, however the ticks fall.
    this.refreshTimer = setInterval(
      () => void this.refreshInBackground(),
      this.config.keyCache.ttlMs / 4,
    );
    this.refreshTimer.unref();
  }

  /** Before the database closes: a refresh in flight finishes first. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.refreshTimer);
    await this.refreshing;
  }

  /**
   * The principal for a presented key, or a 401. `beforeLookup` runs when the key must be
   * looked up, and may refuse it first by throwing.
   */
  async authenticate(
    presented: string,
    beforeLookup?: () => void,
  ): Promise<Readonly<ApiKeyPrincipal>> {
    const check = await this.check(presented, beforeLookup);
    if (!check.ok) throw new UnauthorizedError(check.code, REFUSAL_MESSAGES[check.code]);
    this.lastUsed.record(check.key.id);
    return check.key.principal;
  }

  /**
   * The verdict on a key without throwing (also used by POST /api-keys/verify). A refusal is
   * counted here, once for both callers: against the key's usage when the key is one we know,
   * as an `invalid` verification otherwise.
   */
  async check(presented: string, beforeLookup?: () => void): Promise<KeyCheck> {
    if (!isWellFormedApiKey(presented)) return this.invalid();
    const cacheKey = cacheKeyOf(presented);
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) {
      this.metrics.cacheHit();
      cached.used = true;
      return this.verdict(cached);
    }
    if (this.cache.isUnknown(cacheKey)) {
      this.metrics.cacheHit();
      return this.invalid();
    }
    beforeLookup?.();
    this.metrics.cacheMiss();
    return this.verdict(await this.lookUp(presented, cacheKey));
  }

  /**
   * Joins a lookup of the same key already in flight, or starts one. When a cached key expires
   * under load, every request in flight for it misses at once; joined, they cost one statement,
   * not one each. A lookup begun before any key changed is not joined (a request arriving after
   * a revocation must not be answered by a read from before it), and a miss read before a key
   * was created is read again (it may have been that key).
   */
  private async lookUp(presented: string, cacheKey: string): Promise<CachedKey | undefined> {
    const inFlight = this.lookups.get(cacheKey);
    if (inFlight !== undefined && !this.cache.changedSince(inFlight.epoch)) {
      const found = await inFlight.result;
      if (found !== undefined || !this.cache.createdSince(inFlight.epoch)) return found;
    }
    const epoch = this.cache.beginLookup();
    const lookup: Lookup = { epoch, result: this.load(presented, cacheKey, epoch) };
    this.lookups.set(cacheKey, lookup);
    const settled = (): void => {
      if (this.lookups.get(cacheKey) === lookup) this.lookups.delete(cacheKey);
    };
    lookup.result.then(settled, settled);
    return lookup.result;
  }

  private verdict(key: CachedKey | undefined): KeyCheck {
    if (!key) return this.invalid();
    const now = Date.now();
    const refused =
      key.revokedAt !== null
        ? ErrorCode.ApiKeyRevoked
        : key.expiresAt !== null && key.expiresAt <= now
          ? ErrorCode.ApiKeyExpired
          : key.retiresAt !== null && key.retiresAt <= now
            ? ErrorCode.ApiKeyRotated
            : null;
    if (refused === null) return { ok: true, key };
    this.usage.count(key.id, REFUSED_OUTCOME[refused]);
    return { ok: false, code: refused };
  }

  private invalid(): KeyCheck {
    this.metrics.verification('invalid');
    return { ok: false, code: ErrorCode.InvalidApiKey };
  }

  /**
   * One statement: the key whose current or previous secret has this digest (two unique index
   * probes), and its owner's role.
   */
  private async load(
    presented: string,
    cacheKey: string,
    epoch: number,
  ): Promise<CachedKey | undefined> {
    const digest = digestApiKey(presented, this.config.keyPepper);
    const row = await this.keysWithOwners()
      .where('(k.key_hash = :digest OR k.previous_key_hash = :digest)', { digest })
      .getOne();
    const key = row ? this.remember(cacheKey, digest, row, epoch) : undefined;
    if (key === undefined) this.cache.setUnknown(cacheKey, epoch);
    return key;
  }

  /**
   * Refresh-ahead, so that a key in steady use is not looked up on a request again: every
   * quarter TTL, the cached keys used since they were cached that have half their TTL or less
   * left are re-read, 1,000 to a statement, and cached anew (a deleted key, or one whose owner is gone, is
   * evicted; so are both secrets of a key rotated since, or whose previous secret's end moved);
   * keys nobody used simply expire. The TTL
   * stays the bound it was: if the database is down, nothing is refreshed and entries expire
   * (503, never a key served unverified for longer); a refresh that raced an eviction is dropped
   * by the epoch check, and those keys are looked up on their next request.
   */
  async refreshExpiring(): Promise<void> {
    const ids = this.cache.usedKeyIdsExpiringWithin(this.config.keyCache.ttlMs / 2);
    for (let start = 0; start < ids.length; start += 1000) {
      const batch = ids.slice(start, start + 1000);
      const epoch = this.cache.beginLookup();
      // Plain rows, compared with what is cached: an unchanged key (nearly all of them) keeps
      // its cached object and only its TTL restarts, so a refresh allocates next to nothing.
      const rows = await this.keys.query<RefreshRow[]>(
        `/* ${KEY_CACHE_REFRESH} */ SELECT k.id, k.user_id AS "userId", k.scopes,
           k.rate_limit_per_minute AS "rateLimitPerMinute", k.expires_at AS "expiresAt",
           k.revoked_at AS "revokedAt", k.allowed_ips AS "allowedIps",
           k.credits_remaining IS NOT NULL AS "hasCredits", k.rotated_at AS "rotatedAt",
           k.previous_key_expires_at AS "previousKeyExpiresAt", k.updated_at AS "updatedAt",
           k.last_used_at AS "lastUsedAt", u.role
         FROM api_keys k JOIN users u ON u.id = k.user_id
         WHERE k.id = ANY($1::uuid[])`,
        [batch],
      );
      const unchanged = new Set<string>();
      for (const row of rows) {
        const unchangedKey = (cached: CachedKey): boolean => {
          if (!sameKey(cached, row)) return false;
          cached.lastUsedAt = row.lastUsedAt?.getTime() ?? null;
          return true;
        };
        if (this.cache.renew(row.id, epoch, unchangedKey)) {
          unchanged.add(row.id);
        }
      }
      // Changed, deleted, or owner gone: looked up afresh on the next request.
      const stale = batch.filter((id) => !unchanged.has(id));
      if (stale.length > 0) this.cache.evictKeys(stale);
    }
  }

  private refreshInBackground(): Promise<void> {
    // A slow database: never two refreshes at once.
    this.refreshing ??= this.refreshExpiring()
      .catch((err: unknown) => {
        // Nothing is lost: the entries expire on time and are looked up on their next request.
        this.logger.warn(`Key cache refresh failed: ${(err as Error).message}`);
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }

  private keysWithOwners(): SelectQueryBuilder<ApiKeyEntity> {
    return this.keys.createQueryBuilder('k').innerJoin('k.user', 'u').select([
      'k.id',
      'k.userId',
      'k.scopes',
      'k.rateLimitPerMinute',
      'k.expiresAt',
      'k.revokedAt',
      'k.allowedIps',
      'k.creditsRemaining',
      'k.creditsRefillAmount',
      'k.creditsRefillInterval',
      'k.creditsPeriod',
      'k.rotatedAt',
      'k.previousKeyHash',
      'k.previousKeyPrefix',
      'k.previousKeyExpiresAt',
      // What verify answers with, so that it runs no statement of its own.
      'k.name',
      'k.description',
      'k.keyPrefix',
      'k.metadata',
      'k.createdAt',
      'k.updatedAt',
      'k.lastUsedAt',
      'u.id',
      'u.role',
    ]);
  }

  private remember(
    cacheKey: string,
    digest: string,
    row: ApiKeyEntity,
    epoch: number,
  ): CachedKey | undefined {
    if (!row.user) return undefined;
    const allowlist = row.allowedIps ? new IpAllowlist(row.allowedIps) : null;
    const hasCredits = row.creditsRemaining !== null;
    const key: CachedKey = {
      id: row.id,
      userId: row.userId,
      ownerRole: row.user.role,
      scopes: row.scopes,
      rateLimitPerMinute: row.rateLimitPerMinute,
      expiresAt: row.expiresAt?.getTime() ?? null,
      revokedAt: row.revokedAt?.getTime() ?? null,
      allowedIps: row.allowedIps,
      allowlist,
      hasCredits,
      rotatedAt: row.rotatedAt?.getTime() ?? null,
      // The digest never leaves this function: it only says which of the two secrets this is.
      retiresAt: row.previousKeyHash === digest ? (row.previousKeyExpiresAt?.getTime() ?? 0) : null,
      apiKey: Object.freeze(withoutLastUsed(toApiKeyDto(row))),
      lastUsedAt: row.lastUsedAt?.getTime() ?? null,
      principal: Object.freeze({
        kind: 'api_key',
        userId: row.userId,
        role: row.user.role,
        apiKeyId: row.id,
        rateLimitPerMinute: row.rateLimitPerMinute,
        scopes: Object.freeze(effectiveScopes(row.user.role, row.scopes)) as Scope[],
        allowlist,
        hasCredits,
      }),
    };
    this.cache.set(cacheKey, key, epoch);
    return key;
  }
}

interface Lookup {
  /** The cache's epoch when the lookup began (see KeyCache.changedSince). */
  epoch: number;
  result: Promise<CachedKey | undefined>;
}

interface RefreshRow {
  id: string;
  userId: string;
  scopes: string[];
  rateLimitPerMinute: number;
  expiresAt: Date | null;
  revokedAt: Date | null;
  allowedIps: string[] | null;
  hasCredits: boolean;
  rotatedAt: Date | null;
  previousKeyExpiresAt: Date | null;
  updatedAt: Date;
  lastUsedAt: Date | null;
  role: CachedKey['ownerRole'];
}

const sameList = (a: readonly string[] | null, b: readonly string[] | null): boolean =>
  a === null || b === null
    ? a === b
    : a.length === b.length && a.every((entry, i) => entry === b[i]);

function withoutLastUsed(dto: ApiKeyDto): Omit<ApiKeyDto, 'last_used_at'> {
  const rest = { ...dto };
  delete rest.last_used_at;
  return rest;
}

function sameKey(cached: CachedKey, row: RefreshRow): boolean {
  return (
    cached.userId === row.userId &&
    cached.ownerRole === row.role &&
    cached.rateLimitPerMinute === row.rateLimitPerMinute &&
    cached.expiresAt === (row.expiresAt?.getTime() ?? null) &&
    cached.revokedAt === (row.revokedAt?.getTime() ?? null) &&
    cached.hasCredits === row.hasCredits &&
    sameList(cached.allowedIps, row.allowedIps) &&
    sameList(cached.scopes, row.scopes) &&
    cached.rotatedAt === (row.rotatedAt?.getTime() ?? null) &&
    (cached.retiresAt === null ||
      cached.retiresAt === (row.previousKeyExpiresAt?.getTime() ?? 0)) &&
    // Name, description, metadata and credit settings have no column of their own here: any
    // change of them moves updated_at.
    cached.apiKey.updated_at === row.updatedAt.toISOString()
  );
}
