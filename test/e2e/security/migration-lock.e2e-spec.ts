import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { describeServerPostgres, SERVER_PG_TAG } from '../../helpers/keyed';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { MIGRATIONS } from '../../../src/database/migrations';

/**
 * Several instances started together on a fresh database (a first deploy with replicas) must
 * all come up, and each migration must run exactly once. Needs a real PostgreSQL server to
 * create fresh databases on.
 */
const INSTANCES = 4;
const ROUNDS = 3;

async function withServer<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

describeServerPostgres(`concurrent start-up migrations${SERVER_PG_TAG}`, () => {
  const databases: string[] = [];
  /** Every app of this file: Nest's static Logger writes into whichever was created last. */
  const everyApp: TestApp[] = [];

  afterAll(async () => {
    await withServer(async (client) => {
      for (const name of databases)
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  });

  async function freshDatabase(): Promise<string> {
    const name = `keyward_migrate_${Date.now()}_${randomBytes(3).toString('hex')}`;
    await withServer((client) => client.query(`CREATE DATABASE "${name}"`));
    databases.push(name);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    return url.toString();
  }

  it(`brings up ${INSTANCES} instances started at once on an empty database, migrating once`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const url = await freshDatabase();
      const started = await Promise.allSettled(
        Array.from({ length: INSTANCES }, () =>
          startTestApp({ DATABASE_URL: url, DB_MIGRATIONS_RUN: 'true', DB_POOL_SIZE: '2' }),
        ),
      );
      const apps = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      everyApp.push(...apps);
      try {
        const failures = started.flatMap((s) =>
          s.status === 'rejected' ? [String((s.reason as Error)?.message ?? s.reason)] : [],
        );
        // A failed first attempt that TypeORM's start-up retry papered over counts too: with
        // one more collision the instance would not have started.
        const retries = everyApp
          .flatMap((t) => t.logs)
          .filter((line) => line.includes('Unable to connect to the database'));
        expect({ round, failures, retries }).toEqual({ round, failures: [], retries: [] });
        const rows = await apps[0].dataSource.query<{ name: string; runs: number }[]>(
          'SELECT name, count(*)::int AS runs FROM migrations GROUP BY name ORDER BY name',
        );
        expect(rows).toEqual(
          MIGRATIONS.map((m) => ({ name: m.name, runs: 1 })).sort((a, b) =>
            a.name.localeCompare(b.name),
          ),
        );
        for (const t of apps) await request(t.http).get('/health/ready').expect(200);
      } finally {
        await Promise.all(apps.map((t: TestApp) => t.close()));
      }
    }
  });
});
