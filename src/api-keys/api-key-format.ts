import { createHmac, createSecretKey, hash, randomBytes, type KeyObject } from 'node:crypto';
import { crc32 } from 'node:zlib';
import baseX from 'base-x';

/**
 * Key format: `kw_` + base62(32 random bytes, fixed 43 chars) + base62(CRC32 of all before, 6
 * chars). The checksum lets us refuse a mistyped or truncated key without touching the database,
 * and the fixed prefix lets secret scanners recognise a leaked key.
 */
export const KEY_PREFIX = 'kw_';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE62 = baseX(ALPHABET);
const SECRET_BYTES = 32;
const BODY_LENGTH = 43; // ceil(256 bits / log2(62)) = 43
const CHECKSUM_LENGTH = 6; // 62^6 > 2^32
export const KEY_LENGTH = KEY_PREFIX.length + BODY_LENGTH + CHECKSUM_LENGTH;
/** How many leading characters `key_prefix` shows. */
export const VISIBLE_PREFIX_LENGTH = 12;
const KEY_SHAPE = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${BODY_LENGTH + CHECKSUM_LENGTH}}$`);

/**
 * Base62 of the CRC32, 6 digits. The same digits base-x gives for the CRC's 4 big-endian bytes
 * (its leading-zero bytes become leading '0's, as padding does here), without the Buffers: the
 * checksum is computed on every keyed request, including every made-up key an attacker sends.
 */
export function checksum(text: string): string {
  let value = crc32(text) >>> 0;
  let digits = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    digits = ALPHABET[value % 62] + digits;
    value = Math.floor(value / 62);
  }
  return digits;
}

export function generateApiKey(): string {
  const body = BASE62.encode(randomBytes(SECRET_BYTES)).padStart(BODY_LENGTH, '0');
  const unchecked = KEY_PREFIX + body;
  return unchecked + checksum(unchecked);
}

/** Shape and checksum only: true means "worth a lookup", not "valid". */
export function isWellFormedApiKey(candidate: string): boolean {
  if (candidate.length !== KEY_LENGTH || !KEY_SHAPE.test(candidate)) return false;
  const unchecked = candidate.slice(0, -CHECKSUM_LENGTH);
  return checksum(unchecked) === candidate.slice(-CHECKSUM_LENGTH);
}

/** Tells a key from a JWT in `Authorization: Bearer ...`. */
export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith(KEY_PREFIX);
}

export function visiblePrefix(key: string): string {
  return key.slice(0, VISIBLE_PREFIX_LENGTH);
}

/**
 * What a presented key is remembered by in this process (found or not found): SHA-256 in one
 * call, a seventh of the peppered HMAC's cost, which is paid only when the database is asked.
 * A key is 256 random bits, so its unkeyed hash is as unguessable as the key itself; the pepper
 * protects the stored table, and this never leaves memory.
 */
export function cacheKeyOf(key: string): string {
  return hash('sha256', key, 'base64url');
}

let pepperKey: { pepper: string; key: KeyObject } | undefined;

/** HMAC-SHA-256 under the server-side pepper: a stolen table alone cannot test guessed keys. */
export function digestApiKey(key: string, pepper: string): string {
  // A KeyObject made once: given the pepper as a string, createHmac imports it on every call.
  if (pepperKey?.pepper !== pepper) {
    pepperKey = { pepper, key: createSecretKey(Buffer.from(pepper, 'utf8')) };
  }
  return createHmac('sha256', pepperKey.key).update(key).digest('hex');
}
