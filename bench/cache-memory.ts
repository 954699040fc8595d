/**
 * What a full key cache costs in heap: fills the service's own KeyCache (from dist/) with
 * `--keys` entries shaped as ApiKeyAuthService caches them, each with a distinct owner (the worst
 * case: one key per user), and prints the live heap before and after, each after a full GC. The
 * heap cap the service ships with (package.json `start:prod`, Dockerfile) is sized from this.
 *
 *   npm run build && node --expose-gc -r ts-node/register/transpile-only bench/cache-memory.ts --keys=50000
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { KeyCache as KeyCacheType } from '../src/api-keys/key-cache';
import type { AppConfig } from '../src/config/app-config';
import { generateApiKey, digestApiKey } from '../src/api-keys/api-key-format';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { KeyCache } = require(join(__dirname, '..', 'dist', 'src', 'api-keys', 'key-cache')) as {
  KeyCache: new (config: AppConfig) => KeyCacheType;
};

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const arg = process.argv.find((a) => a.startsWith('--keys='));
const count = arg ? Number(arg.slice('--keys='.length)) : 50_000;

function liveHeapMb(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const config = { keyCache: { ttlMs: 600_000, maxEntries: count } } as AppConfig;
const pepper = 'p'.repeat(32);
// Digests are computed before the baseline: the request strings are not the cache's memory.
const digests = Array.from({ length: count }, () => digestApiKey(generateApiKey(), pepper));
const before = liveHeapMb();
const cache = new KeyCache(config);
for (const digest of digests) {
  const userId = randomUUID();
  const keyId = randomUUID();
  const scopes = ['read:users', 'write:keys'];
  cache.set(
    digest,
    {
      id: keyId,
      userId,
      ownerRole: 'user',
      scopes,
      rateLimitPerMinute: 600,
      expiresAt: null,
      revokedAt: null,
      allowedIps: null,
      allowlist: null,
      hasCredits: false,
      rotatedAt: null,
      retiresAt: null,
      // What verify answers with, as a lookup caches it (a typical key, no metadata).
      apiKey: Object.freeze({
        id: keyId,
        name: 'Production Service',
        key_prefix: 'kw_3xT9aQ2mL',
        scopes: scopes as never,
        rate_limit_per_minute: 600,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
        user_id: userId,
      }),
      lastUsedAt: null,
      principal: Object.freeze({
        kind: 'api_key' as const,
        userId,
        role: 'user' as const,
        apiKeyId: keyId,
        rateLimitPerMinute: 600,
        scopes: Object.freeze([...scopes]) as never,
        allowlist: null,
        hasCredits: false,
      }),
    },
    cache.beginLookup(),
  );
}
const after = liveHeapMb();
console.log(
  `${count} keys, each with its own owner: live heap ${before.toFixed(1)} → ${after.toFixed(1)} MB ` +
    `(+${(after - before).toFixed(1)} MB, ${(((after - before) * 2 ** 20) / count).toFixed(0)} B/key; ` +
    `${cache.size} cached)`,
);
