import { createHash, createHmac } from 'node:crypto';
import { crc32 } from 'node:zlib';
import baseX from 'base-x';
import fc from 'fast-check';
import {
  checksum,
  cacheKeyOf,
  digestApiKey,
  generateApiKey,
  isWellFormedApiKey,
  KEY_LENGTH,
  KEY_PREFIX,
  looksLikeApiKey,
  VISIBLE_PREFIX_LENGTH,
  visiblePrefix,
} from './api-key-format';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The checksum as first defined: base-x over the CRC32's 4 big-endian bytes, padded to 6. */
function checksumViaBaseX(text: string): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32(Buffer.from(text, 'ascii')) >>> 0);
  return baseX(BASE62).encode(bytes).padStart(6, '0');
}

describe('API key format', () => {
  const keys = Array.from({ length: 1000 }, () => generateApiKey());

  it('generates kw_ + 43 base62 characters + a 6-character checksum: 52 characters', () => {
    expect(KEY_LENGTH).toBe(52);
    for (const key of keys) {
      expect(key).toMatch(/^kw_[0-9A-Za-z]{49}$/);
      expect(key).toHaveLength(52);
      expect(isWellFormedApiKey(key)).toBe(true);
      expect(looksLikeApiKey(key)).toBe(true);
    }
  });

  it('never repeats itself across 1000 keys, nor in the visible prefix body', () => {
    expect(new Set(keys).size).toBe(keys.length);
    // 43 characters carry 256 random bits: even the first 20 should never collide.
    expect(new Set(keys.map((k) => k.slice(3, 23))).size).toBe(keys.length);
  });

  it('spreads over the whole base62 alphabet', () => {
    const seen = new Set(keys.map((k) => k.slice(3)).join(''));
    for (const c of BASE62) expect(seen.has(c)).toBe(true);
  });

  it('refuses every single-character change anywhere in a key', () => {
    const key = keys[0];
    let variants = 0;
    for (let i = 0; i < key.length; i++) {
      for (const c of `${BASE62}_-`) {
        if (c === key[i]) continue;
        const changed = key.slice(0, i) + c + key.slice(i + 1);
        variants++;
        if (isWellFormedApiKey(changed)) throw new Error(`accepted ${changed} (position ${i})`);
      }
    }
    expect(variants).toBeGreaterThan(52 * 60);
  });

  it('refuses truncations, extensions, swaps and other shapes', () => {
    const key = keys[1];
    for (let n = 0; n < key.length; n++) expect(isWellFormedApiKey(key.slice(0, n))).toBe(false);
    for (let n = 1; n < key.length; n++) expect(isWellFormedApiKey(key.slice(n))).toBe(false);
    expect(isWellFormedApiKey(`${key}0`)).toBe(false);
    expect(isWellFormedApiKey(` ${key}`)).toBe(false);
    expect(isWellFormedApiKey(`${key}\n`)).toBe(false);
    expect(isWellFormedApiKey(key.toUpperCase())).toBe(false);
    expect(isWellFormedApiKey(`sk_${key.slice(3)}`)).toBe(false);
    // Two adjacent different characters swapped: CRC32 catches every transposition.
    for (let i = 3; i < key.length - 1; i++) {
      if (key[i] === key[i + 1]) continue;
      const swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
      expect(isWellFormedApiKey(swapped)).toBe(false);
    }
    expect(isWellFormedApiKey('')).toBe(false);
  });

  it('computes the checksum digits exactly as base-x encodes the CRC32 bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 80 }), (text) => {
        expect(checksum(text)).toBe(checksumViaBaseX(text));
      }),
      { numRuns: 5000 },
    );
    // CRCs with leading zero bytes, where base-x writes leader characters.
    for (const text of ['', 'a', 'kw_', ...keys])
      expect(checksum(text)).toBe(checksumViaBaseX(text));
  });

  it('tells keys from JWTs by the prefix', () => {
    expect(KEY_PREFIX).toBe('kw_');
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe(false);
  });

  it('shows the first 12 characters as the visible prefix', () => {
    expect(VISIBLE_PREFIX_LENGTH).toBe(12);
    expect(visiblePrefix(keys[2])).toBe(keys[2].slice(0, 12));
    expect(visiblePrefix(keys[2])).toMatch(/^kw_[0-9A-Za-z]{9}$/);
  });

  describe('digest', () => {
    const key = keys[3];
    const pepper = 'a'.repeat(43);

    it('is the hex HMAC-SHA-256 of the full key under the pepper', () => {
      const digest = digestApiKey(key, pepper);
      expect(digest).toMatch(/^[0-9a-f]{64}$/);
      expect(digest).toBe(createHmac('sha256', pepper).update(key).digest('hex'));
      expect(digestApiKey(key, pepper)).toBe(digest); // deterministic: usable as a lookup key
    });

    it('depends on the pepper and on every character of the key', () => {
      const digest = digestApiKey(key, pepper);
      expect(digestApiKey(key, 'b'.repeat(43))).not.toBe(digest);
      expect(digestApiKey(key, `${pepper}x`)).not.toBe(digest);
      expect(digestApiKey(keys[4], pepper)).not.toBe(digest);
      expect(digestApiKey(key.slice(0, -1), pepper)).not.toBe(digest);
      expect(digest).not.toContain(key.slice(3, 15));
    });
  });

  describe('cache key', () => {
    it('is the SHA-256 of the full key, apart from the stored digest', () => {
      const key = keys[3];
      expect(cacheKeyOf(key)).toBe(createHash('sha256').update(key).digest('base64url'));
      expect(cacheKeyOf(key)).toBe(cacheKeyOf(key));
      expect(cacheKeyOf(key.slice(0, -1))).not.toBe(cacheKeyOf(key));
      expect(cacheKeyOf(key)).not.toBe(digestApiKey(key, 'a'.repeat(43)));
    });
  });
});
