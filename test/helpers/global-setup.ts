import { createTestDatabase, type TestDatabase } from './test-database';

declare global {
  var __KEYWARD_TEST_DB__: TestDatabase | undefined;
}

/** One fresh, migrated database per `jest` run; workers find it in KEYWARD_TEST_DATABASE_URL. */
export default async function globalSetup(): Promise<void> {
  const db = await createTestDatabase();
  globalThis.__KEYWARD_TEST_DB__ = db;
  process.env.KEYWARD_TEST_DATABASE_URL = db.url;
}
