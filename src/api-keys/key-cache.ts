import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { ApiKeyPrincipal } from '../auth/principal';
import type { Role, UserEntity } from '../users/user.entity';
import { toUserDto, type UserDto } from '../users/user.dto';

/** What the hot path needs to decide on a key without the database. */
export interface CachedKey {
  id: string;
  userId: string;
  ownerRole: Role;
  scopes: string[];
  rateLimitPerMinute: number;
  expiresAt: number | null;
  revokedAt: number | null;
  /** Who a request with this key acts as: built once per lookup, shared, never mutated. */
  principal: Readonly<ApiKeyPrincipal>;
  /** Set by a request that used this entry: only keys in use are refreshed ahead of expiry. */
  used?: boolean;
}

/**
 * Key records by digest, and their owners' user records by id (so `GET /auth/user` with a warm
 * key reads no database): bounded LRUs with a short TTL as a backstop. Changes evict entries
 * (here and, through KeyInvalidationBus, on every instance; a 'user' event evicts the user and
 * all of its keys). The epoch makes sure a lookup that started before an eviction cannot put the
 * stale record back afterwards.
 */
@Injectable()
export class KeyCache {
  private readonly entries: LRUCache<string, CachedKey>;
  /** The owner and its answer body, made once per lookup (GET /auth/user sends it as is). */
  private readonly owners: LRUCache<string, { user: UserEntity; dto: Readonly<UserDto> }>;
  private epoch = 0;
  /** Digests by key id and by owner, so an eviction touches its entries, not the whole LRU. */
  private readonly digestByKey = new Map<string, string>();
  private readonly digestsByUser = new Map<string, Set<string>>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.entries = new LRUCache({
      max: config.keyCache.maxEntries,
      ttl: config.keyCache.ttlMs,
      // Every way out of the LRU (delete, eviction, expiry, overwrite) leaves the indexes too.
      dispose: (key, digest) => this.unindex(digest, key),
    });
    this.owners = new LRUCache({ max: config.keyCache.maxEntries, ttl: config.keyCache.ttlMs });
  }

  get(digest: string): CachedKey | undefined {
    return this.entries.get(digest);
  }

  getUser(userId: string): UserEntity | undefined {
    return this.owners.get(userId)?.user;
  }

  getUserDto(userId: string): Readonly<UserDto> | undefined {
    return this.owners.get(userId)?.dto;
  }

  /** As `set`: pass what `beginLookup` returned before the read. */
  setUser(user: UserEntity, lookupEpoch: number): void {
    if (lookupEpoch === this.epoch) {
      this.owners.set(user.id, { user, dto: Object.freeze(toUserDto(user)) });
    }
  }

  /** Call before reading the database; pass the result to `set`. */
  beginLookup(): number {
    return this.epoch;
  }

  set(digest: string, key: CachedKey, lookupEpoch: number): void {
    if (lookupEpoch !== this.epoch) return;
    this.entries.set(digest, key);
    this.digestByKey.set(key.id, digest);
    let digests = this.digestsByUser.get(key.userId);
    if (!digests) this.digestsByUser.set(key.userId, (digests = new Set()));
    digests.add(digest);
  }

  evictKey(keyId: string): void {
    this.evictKeys([keyId]);
  }

  /** One epoch step for the lot: lookups in flight are discarded once, not once per key. */
  evictKeys(keyIds: readonly string[]): void {
    this.epoch++;
    for (const keyId of keyIds) {
      const digest = this.digestByKey.get(keyId);
      if (digest !== undefined) this.entries.delete(digest);
    }
  }

  evictUser(userId: string): void {
    this.epoch++;
    this.owners.delete(userId);
    for (const digest of [...(this.digestsByUser.get(userId) ?? [])]) this.entries.delete(digest);
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
    this.owners.clear();
    this.digestByKey.clear();
    this.digestsByUser.clear();
  }

  /** Index sizes, for tests: they must follow the LRU, not grow past it. */
  get indexSizes(): { keys: number; users: number } {
    return { keys: this.digestByKey.size, users: this.digestsByUser.size };
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
    if (lookupEpoch !== this.epoch) return false;
    const digest = this.digestByKey.get(keyId);
    const key = digest === undefined ? undefined : this.entries.peek(digest);
    if (digest === undefined || key === undefined || !unchanged(key)) return false;
    key.used = false;
    this.entries.set(digest, key); // the same value: no dispose, the TTL starts again
    return true;
  }

  /** As `renew`, for an owner: kept if its `updated_at` is the one cached, else dropped. */
  renewUser(userId: string, updatedAtMs: number, lookupEpoch: number): void {
    if (lookupEpoch !== this.epoch) return;
    const owner = this.owners.peek(userId);
    if (owner === undefined) return;
    if (owner.user.updatedAt.getTime() === updatedAtMs) this.owners.set(userId, owner);
    else this.owners.delete(userId);
  }

  private unindex(digest: string, key: CachedKey): void {
    if (this.digestByKey.get(key.id) === digest) this.digestByKey.delete(key.id);
    const digests = this.digestsByUser.get(key.userId);
    digests?.delete(digest);
    if (digests?.size === 0) this.digestsByUser.delete(key.userId);
  }
}
