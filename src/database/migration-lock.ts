import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

/**
 * The advisory-lock key every instance takes around its start-up migrations: "keyward" in ASCII
 * read as a bigint (0x6b657977617264), as a string since it is over 2^53.
 */
export const MIGRATION_LOCK_KEY = '30229394876363364';

/**
 * Runs the pending migrations while holding a PostgreSQL advisory lock, so instances starting
 * together on a fresh database run them one after another: the first migrates, the others then
 * find nothing pending. Without it they raced to create the same tables and some failed to start.
 *
 * The lock is held by a session of its own, outside the pool: the pool's statement and query
 * timeouts would cut the wait behind another instance's migrations short. Ending that session
 * releases the lock whatever happened. PGlite serves one instance only, and takes the lock as
 * harmlessly as a real server (its connections share one session, where the lock is re-entrant).
 */
export async function runMigrationsUnderLock(dataSource: DataSource): Promise<void> {
  const options = dataSource.options as PostgresConnectionOptions;
  const lock = new Client({
    connectionString: options.url,
    connectionTimeoutMillis: 3000,
    application_name: 'keyward-migrations',
  });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.end();
  }
}
