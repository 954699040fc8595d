import { Inject, Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { toUserDto, type UserDto } from './user.dto';

/**
 * User records as GET /auth/user answers them, by id: bounded, with the key cache's TTL as a
 * backstop. Every change of a user publishes a 'user' event (KeyInvalidationBus) that evicts
 * it on every instance. An entry past half its TTL is re-read off the request path, so a user
 * in steady use costs no statement on a request.
 */
@Injectable()
export class UserCache {
  private readonly entries: LRUCache<string, Readonly<UserDto>>;
  private epoch = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.entries = new LRUCache({
      max: config.keyCache.maxEntries,
      ttl: config.keyCache.ttlMs,
    });
  }

  get(userId: string): Readonly<UserDto> | undefined {
    return this.entries.get(userId);
  }

  /** Whether the entry should be re-read soon (half its TTL or less left). */
  isAging(userId: string): boolean {
    return this.entries.getRemainingTTL(userId) <= this.config.keyCache.ttlMs / 2;
  }

  /** Call before reading the database; pass the result to `set`. */
  beginLookup(): number {
    return this.epoch;
  }

  /** Stores what a read found, unless an eviction happened since `lookupEpoch`. */
  set(user: Parameters<typeof toUserDto>[0], lookupEpoch: number): Readonly<UserDto> {
    const dto = Object.freeze(toUserDto(user));
    if (lookupEpoch === this.epoch) this.entries.set(user.id, dto);
    return dto;
  }

  /** One user, or every user (`null`: invalidation messages may have been lost). */
  evict(userId: string | null): void {
    this.epoch++;
    if (userId === null) this.entries.clear();
    else this.entries.delete(userId);
  }
}
