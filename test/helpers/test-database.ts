import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source-options';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/database/embedded-postgres';

/**
 * A fresh database for one test run: a new database on the server DATABASE_URL names (CI and
 * dev machines), or an in-memory embedded PGlite when it is unset (a bare machine).
 */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded: EmbeddedPostgres = await startEmbeddedPostgres({ maxConnections: 50 });
    await migrate(embedded.url);
    return { url: embedded.url, drop: () => embedded.stop() };
  }
  const name = `keyward_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

async function migrate(url: string): Promise<void> {
  const dataSource = new DataSource(
    buildDataSourceOptions({ url, migrationsRun: false, poolSize: 2, statementTimeoutMs: 10_000 }),
  );
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}
