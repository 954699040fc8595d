import type { AppConfig } from '../config/app-config';
import { KeyCache, type CachedKey } from './key-cache';

function cacheOf(maxEntries: number, unknownTtlMs = 60_000): KeyCache {
  return new KeyCache({ keyCache: { maxEntries, ttlMs: 60_000, unknownTtlMs } } as AppConfig);
}

function keyOf(id: string, userId: string, retiresAt: number | null = null): CachedKey {
  return {
    id,
    userId,
    ownerRole: 'user',
    scopes: [],
    rateLimitPerMinute: 60,
    expiresAt: null,
    revokedAt: null,
    allowedIps: null,
    allowlist: null,
    hasCredits: false,
    rotatedAt: null,
    retiresAt,
    apiKey: {
      id,
      name: 'k',
      key_prefix: 'kw_abcdefghi',
      scopes: [],
      rate_limit_per_minute: 60,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
      user_id: userId,
    },
    lastUsedAt: null,
    principal: {
      kind: 'api_key',
      userId,
      role: 'user',
      apiKeyId: id,
      rateLimitPerMinute: 60,
      scopes: [],
      allowlist: null,
      hasCredits: false,
    },
  };
}

describe('KeyCache', () => {
  it('caches a key found while another key was created, but not a miss read before the creation', () => {
    const cache = cacheOf(100);
    const found = cache.beginLookup();
    const missed = cache.beginLookup();
    cache.forgetUnknown(); // a key was created somewhere while both lookups were in flight
    cache.set('found', keyOf('k1', 'u1'), found);
    cache.setUnknown('missed', missed);
    expect(cache.get('found')?.id).toBe('k1');
    expect(cache.isUnknown('missed')).toBe(false);
  });

  it('tells a lookup whether any key was changed, or created, after it began', () => {
    const cache = cacheOf(100);
    const lookup = cache.beginLookup();
    expect([cache.changedSince(lookup), cache.createdSince(lookup)]).toEqual([false, false]);
    cache.forgetUnknown();
    expect([cache.changedSince(lookup), cache.createdSince(lookup)]).toEqual([false, true]);
    cache.evictKey('k1');
    expect(cache.changedSince(lookup)).toBe(true);

    const beforeUserEviction = cache.beginLookup();
    cache.evictUser('u1');
    expect(cache.changedSince(beforeUserEviction)).toBe(true);
    const later = cache.beginLookup();
    expect([cache.changedSince(later), cache.createdSince(later)]).toEqual([false, false]);
  });

  it('drops a key found by a lookup that started before an eviction', () => {
    const cache = cacheOf(100);
    const lookup = cache.beginLookup();
    cache.evictKey('k1');
    cache.set('found', keyOf('k1', 'u1'), lookup);
    expect(cache.get('found')).toBeUndefined();
  });

  it('evicts both secrets of a rotated key, and renews them together', () => {
    const cache = cacheOf(100);
    cache.set('current', keyOf('k1', 'u1'), cache.beginLookup());
    cache.set('previous', keyOf('k1', 'u1', Date.now() + 60_000), cache.beginLookup());
    cache.set('other', keyOf('k2', 'u1'), cache.beginLookup());
    expect(cache.indexSizes.keys).toBe(3);

    expect(cache.renew('k1', cache.beginLookup(), () => true)).toBe(true);
    expect(cache.renew('k1', cache.beginLookup(), (key) => key.retiresAt === null)).toBe(false);

    cache.evictKey('k1');
    expect([cache.get('current'), cache.get('previous'), cache.get('other')?.id]).toEqual([
      undefined,
      undefined,
      'k2',
    ]);
    expect(cache.indexSizes.keys).toBe(1);
  });

  it('evicts one key, or all of one owner’s keys, and nothing else', () => {
    const cache = cacheOf(100);
    cache.set('d1', keyOf('k1', 'u1'), cache.beginLookup());
    cache.set('d2', keyOf('k2', 'u1'), cache.beginLookup());
    cache.set('d3', keyOf('k3', 'u2'), cache.beginLookup());

    cache.evictKey('k2');
    expect([cache.get('d1')?.id, cache.get('d2'), cache.get('d3')?.id]).toEqual([
      'k1',
      undefined,
      'k3',
    ]);

    cache.set('d2', keyOf('k2', 'u1'), cache.beginLookup());
    cache.evictUser('u1');
    expect([cache.get('d1'), cache.get('d2'), cache.get('d3')?.id]).toEqual([
      undefined,
      undefined,
      'k3',
    ]);
    expect(cache.indexSizes).toEqual({ keys: 1, users: 1 });
  });

  it('keeps its indexes no larger than the LRU when entries are pushed out', () => {
    const cache = cacheOf(10);
    for (let i = 0; i < 1000; i++) {
      cache.set(`d${i}`, keyOf(`k${i}`, `u${i % 7}`), cache.beginLookup());
    }
    expect(cache.size).toBe(10);
    expect(cache.indexSizes.keys).toBe(10);
    expect(cache.indexSizes.users).toBeLessThanOrEqual(7);
    // An evicted key's id no longer points anywhere; evicting it is harmless.
    cache.evictKey('k0');
    expect(cache.get('d999')?.id).toBe('k999');
  });

  it('does not re-cache a lookup that began before an eviction', () => {
    const cache = cacheOf(10);
    const epoch = cache.beginLookup();
    cache.evictKey('k1');
    cache.set('d1', keyOf('k1', 'u1'), epoch);
    expect(cache.get('d1')).toBeUndefined();
    expect(cache.indexSizes).toEqual({ keys: 0, users: 0 });
  });

  it('remembers a digest found unknown until a key is created', () => {
    const cache = cacheOf(10);
    cache.setUnknown('d1', cache.beginLookup());
    expect(cache.isUnknown('d1')).toBe(true);
    cache.forgetUnknown();
    expect(cache.isUnknown('d1')).toBe(false);
  });

  it('does not remember as unknown a lookup that began before a key was created', () => {
    const cache = cacheOf(10);
    const epoch = cache.beginLookup(); // the lookup starts, the key is not there yet
    cache.forgetUnknown(); // the key is created meanwhile
    cache.setUnknown('d1', epoch); // the lookup's "not found" arrives late
    expect(cache.isUnknown('d1')).toBe(false);
  });

  it('keeps at most 10,000 unknown digests, and none when turned off', () => {
    const cache = cacheOf(10);
    for (let i = 0; i <= 10_000; i++) cache.setUnknown(`d${i}`, cache.beginLookup());
    expect(cache.isUnknown('d0')).toBe(false);
    expect(cache.isUnknown('d10000')).toBe(true);
    const off = cacheOf(10, 0);
    off.setUnknown('d1', off.beginLookup());
    expect(off.isUnknown('d1')).toBe(false);
  });
});
