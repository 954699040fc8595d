import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from './test-database';

declare global {
  var __KEYWARD_TEST_DB__: TestDatabase | undefined;
}

/** One fresh, migrated database per `jest` run; workers find it in KEYWARD_TEST_DATABASE_URL. */
export default async function globalSetup(): Promise<void> {
  const db = await createTestDatabase();
  globalThis.__KEYWARD_TEST_DB__ = db;
  process.env.KEYWARD_TEST_DATABASE_URL = db.url;
  // Rate-limit state of this run apart from any other run's on the same Redis; servers the
  // suites spawn inherit it.
  process.env.REDIS_KEY_PREFIX = `kwtest:${randomBytes(4).toString('hex')}:`;
}
