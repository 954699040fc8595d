import type { Repository } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import type { MetricsService } from '../metrics/metrics.service';
import type { UsageCounter } from '../usage/usage-counter';
import type { ApiKeyEntity } from './api-key.entity';
import { ApiKeyAuthService } from './api-key-auth.service';
import { generateApiKey } from './api-key-format';
import { KeyCache } from './key-cache';
import type { LastUsedTracker } from './last-used.tracker';

/**
 * How concurrent misses of one key share a lookup. The lookups are held open here so that the
 * order of events is exact; test/e2e/keys/key-auth covers the same path on a real database.
 */
describe('ApiKeyAuthService: concurrent lookups of one key', () => {
  const config = {
    keyPepper: 'pepper',
    keyCache: { maxEntries: 100, ttlMs: 60_000, unknownTtlMs: 60_000 },
  } as AppConfig;
  let cache: KeyCache;
  let service: ApiKeyAuthService;
  /** Each lookup the service sent, answered when the test says (null: no such key). */
  let lookups: ((row: null) => void)[];

  beforeEach(() => {
    lookups = [];
    const query = {
      innerJoin: () => query,
      select: () => query,
      where: () => query,
      getOne: () => new Promise<null>((answer) => lookups.push(answer)),
    };
    const keys = { createQueryBuilder: () => query } as unknown as Repository<ApiKeyEntity>;
    const metrics = {
      cacheHit: () => undefined,
      cacheMiss: () => undefined,
      verification: () => undefined,
    } as unknown as MetricsService;
    cache = new KeyCache(config);
    service = new ApiKeyAuthService(
      keys,
      cache,
      { record: () => undefined } as unknown as LastUsedTracker,
      { count: () => undefined } as unknown as UsageCounter,
      metrics,
      config,
    );
  });

  /** Lets the service's awaits run. */
  const settle = (): Promise<void> => new Promise((done) => setImmediate(done));

  it('sends one lookup for requests that miss the same key at once', async () => {
    const key = generateApiKey();
    const checks = [service.check(key), service.check(key), service.check(key)];
    expect(lookups).toHaveLength(1);
    lookups[0](null);
    for (const check of await Promise.all(checks)) {
      expect(check).toEqual({ ok: false, code: 'invalid_api_key' });
    }
  });

  it('does not join a lookup begun before a key changed', async () => {
    const key = generateApiKey();
    const before = service.check(key);
    cache.evictKey('some-key-id'); // a revocation, say, heard while the first read is in flight
    const after = service.check(key);
    expect(lookups).toHaveLength(2);
    lookups.forEach((answer) => answer(null));
    await Promise.all([before, after]);
  });

  it('reads again a miss that was read before a key was created', async () => {
    const key = generateApiKey();
    const before = service.check(key);
    cache.forgetUnknown(); // a key was created while the first read was in flight
    const after = service.check(key);
    expect(lookups).toHaveLength(1); // joined: the read may well find the key
    lookups[0](null);
    await settle();
    expect(lookups).toHaveLength(2); // it did not: the joiner reads for itself
    lookups[1](null);
    await Promise.all([before, after]);
  });
});
