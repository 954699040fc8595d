import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { ApiKeyPrincipal } from '../auth/principal';
import type { Role } from '../users/user.entity';
import type { IpAllowlist } from './ip-allowlist';
import type { ApiKeyDto } from './dto/api-key.dto';

/** What the hot path needs to decide on a key without the database. */
export interface CachedKey {
  id: string;
  userId: string;
  ownerRole: Role;
  scopes: string[];
  rateLimitPerMinute: number;
  expiresAt: number | null;
  revokedAt: number | null;
  /** The stored allowlist (to notice a change on refresh) and its compiled form. */
  allowedIps: string[] | null;
  allowlist: IpAllowlist | null;
  hasCredits: boolean;
  /** The key's last rotation: a refresh that reads another one drops both of its secrets. */
  rotatedAt: number | null;
  /**
   * Set on the entry of a key's previous secret only: when that secret stops working. Both
   * secrets share `id`, hence the principal and the rate-limit budget.
   */
  retiresAt: number | null;
  /** Who a request with this key acts as: built once per lookup, shared, never mutated. */
  principal: Readonly<ApiKeyPrincipal>;
  /** Set by a request that used this entry: only keys in use are refreshed ahead of expiry. */
  used?: boolean;
  /**
   * The key as verify answers it, without `last_used_at` (kept apart in `lastUsedAt`, which a
   * refresh updates in place): verify builds its answer from the cache, never from a query.
   * Every change of the key evicts the entry, so this stays what the database holds.
   */
  apiKey: Readonly<Omit<ApiKeyDto, 'last_used_at'>>;
  /** When the key was last used as far as the database knew at the last lookup or refresh. */
  lastUsedAt: number | null;
}

/** How many digests found in no key are remembered (see `isUnknown`). */
const UNKNOWN_MAX = 10_000;

/**
 * Key records by the presented key's digest (`cacheKeyOf`): a bounded LRU with a short TTL as a
 * backstop. Changes evict entries (here and, through KeyInvalidationBus, on every instance).
 * Digests that matched no key are remembered briefly too, so a flood of made-up keys costs no
 * lookups; any key creation forgets them all. Lookups and the events that outdate them share one
 * counter: a key found by a lookup that started before an eviction is not stored, nor a miss by
 * one that started before a key was created. The two are apart so that creations (frequent, on
 * any instance) never stop found keys from being cached.
 */
@Injectable()
export class KeyCache {
  private readonly entries: LRUCache<string, CachedKey>;
  private readonly unknown: LRUCache<string, true> | null;
  private ticks = 0;
  private lastEviction = 0;
  private lastCreation = 0;
  /** Digests by key id and by owner, so an eviction touches its entries, not the whole LRU. */
  private readonly digestByKey = new Map<string, string>();
  /** The previous secrets' digests, apart: few keys have one, so the common entry stays small. */
  private readonly previousDigestByKey = new Map<string, string>();
  private readonly digestsByUser = new Map<string, Set<string>>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.entries = new LRUCache({
      max: config.keyCache.maxEntries,
      ttl: config.keyCache.ttlMs,
      // Every way out of the LRU (delete, eviction, expiry, overwrite) leaves the indexes too.
      dispose: (key, digest) => this.unindex(digest, key),
    });
    const unknownTtlMs = config.keyCache.unknownTtlMs ?? 0;
    this.unknown = unknownTtlMs > 0 ? new LRUCache({ max: UNKNOWN_MAX, ttl: unknownTtlMs }) : null;
  }

  get(digest: string): CachedKey | undefined {
    return this.entries.get(digest);
  }

  /** Call before reading the database; pass the result to `set`. */
  beginLookup(): number {
    return ++this.ticks;
  }

  /** Whether a key was changed (evicted here) since a lookup began at `lookupEpoch`. */
  changedSince(lookupEpoch: number): boolean {
    return lookupEpoch <= this.lastEviction;
  }

  /** Whether a key was created since a lookup began at `lookupEpoch`. */
  createdSince(lookupEpoch: number): boolean {
    return lookupEpoch <= this.lastCreation;
  }

  set(digest: string, key: CachedKey, lookupEpoch: number): void {
    if (this.changedSince(lookupEpoch)) return;
    this.entries.set(digest, key);
    this.digestsOf(key).set(key.id, digest);
    let digests = this.digestsByUser.get(key.userId);
    if (!digests) this.digestsByUser.set(key.userId, (digests = new Set()));
    digests.add(digest);
  }

  /** Whether `digest` was looked up since the last key creation and matched no key. */
  isUnknown(digest: string): boolean {
    return this.unknown?.has(digest) ?? false;
  }

  /** As `set`, for a lookup that found nothing. */
  setUnknown(digest: string, lookupEpoch: number): void {
    if (!this.createdSince(lookupEpoch)) this.unknown?.set(digest, true);
  }

  /** A key was created (on any instance): no digest may be refused for having been unknown. */
  forgetUnknown(): void {
    this.lastCreation = ++this.ticks;
    this.unknown?.clear();
  }

  evictKey(keyId: string): void {
    this.evictKeys([keyId]);
  }

  /** One step for the lot: lookups in flight are discarded once, not once per key. */
  evictKeys(keyIds: readonly string[]): void {
    this.lastEviction = ++this.ticks;
    for (const keyId of keyIds) {
      const digest = this.digestByKey.get(keyId);
      if (digest !== undefined) this.entries.delete(digest);
      const previous = this.previousDigestByKey.get(keyId);
      if (previous !== undefined) this.entries.delete(previous);
    }
  }

  evictUser(userId: string): void {
    this.lastEviction = ++this.ticks;
    for (const digest of [...(this.digestsByUser.get(userId) ?? [])]) this.entries.delete(digest);
  }

  clear(): void {
    this.lastEviction = ++this.ticks;
    this.entries.clear();
    this.unknown?.clear();
    this.digestByKey.clear();
    this.previousDigestByKey.clear();
    this.digestsByUser.clear();
  }

  /** Index sizes, for tests: they must follow the LRU, not grow past it. */
  get indexSizes(): { keys: number; users: number } {
    return {
      keys: this.digestByKey.size + this.previousDigestByKey.size,
      users: this.digestsByUser.size,
    };
  }

  get size(): number {
    return this.entries.size;
  }

  /** Ids of the cached keys used since they were cached, with at most `remainingMs` left. */
  usedKeyIdsExpiringWithin(remainingMs: number): string[] {
    const ids: string[] = [];
    for (const [digest, key] of this.entries.entries()) {
      if (key.used && this.entries.getRemainingTTL(digest) <= remainingMs) ids.push(key.id);
    }
    return ids;
  }

  /**
   * Restarts a cached key's TTL, keeping the same entry, if `unchanged` says it still matches
   * the database and no eviction happened since `lookupEpoch`. Its `used` mark is cleared: only
   * a key used again is renewed again.
   */
  renew(keyId: string, lookupEpoch: number, unchanged: (key: CachedKey) => boolean): boolean {
    if (this.changedSince(lookupEpoch)) return false;
    const digests = [this.digestByKey.get(keyId), this.previousDigestByKey.get(keyId)];
    let found = false;
    for (const digest of digests) {
      const key = digest === undefined ? undefined : this.entries.peek(digest);
      if (digest === undefined || key === undefined) continue;
      if (!unchanged(key)) return false;
      found = true;
    }
    if (!found) return false;
    for (const digest of digests) {
      const key = digest === undefined ? undefined : this.entries.peek(digest);
      if (digest === undefined || key === undefined) continue;
      key.used = false;
      this.entries.set(digest, key); // the same value: no dispose, the TTL starts again
    }
    return true;
  }

  private digestsOf(key: CachedKey): Map<string, string> {
    return key.retiresAt === null ? this.digestByKey : this.previousDigestByKey;
  }

  private unindex(digest: string, key: CachedKey): void {
    const byKey = this.digestsOf(key);
    if (byKey.get(key.id) === digest) byKey.delete(key.id);
    const digests = this.digestsByUser.get(key.userId);
    digests?.delete(digest);
    if (digests?.size === 0) this.digestsByUser.delete(key.userId);
  }
}
