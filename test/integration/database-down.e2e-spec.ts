import request from 'supertest';
import {
  startEmbeddedPostgresProcess,
  type EmbeddedPostgresProcess,
} from '../helpers/embedded-postgres-process';
import { expectError } from '../helpers/contract';
import { API, createUser, type TestUser } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * The app's own database (an in-memory PGlite, not the run's shared one) goes away under it:
 * requests that need it answer 503 `unavailable` quickly, readiness fails, liveness holds.
 */
describe('database down', () => {
  let embedded: EmbeddedPostgresProcess | undefined;
  let t: TestApp | undefined;
  let user: TestUser;

  beforeAll(async () => {
    embedded = await startEmbeddedPostgresProcess();
    // A blank database: the app must create the schema itself at start-up.
    t = await startTestApp({ DATABASE_URL: embedded.url, DB_MIGRATIONS_RUN: 'true' });
  }, 30_000);

  afterAll(async () => {
    await t?.close();
    await embedded?.kill();
  }, 30_000);

  it('ran the migrations at start-up and works while the database is up', async () => {
    const app = t as TestApp;
    const migrations = await app.dataSource.query<{ name: string }[]>(
      'SELECT name FROM migrations',
    );
    expect(migrations.map((m) => m.name)).toContain('InitialSchema1795799287554');
    user = await createUser(app.http);
    await request(app.http)
      .post(`${API}/auth/signin`)
      .send({ email: user.email, password: user.password })
      .expect(200);
    await request(app.http).get('/health/ready').expect(200);
  });

  describe('after the database stops', () => {
    beforeAll(async () => {
      await (embedded as EmbeddedPostgresProcess).stop();
    }, 15_000);

    it('answers sign-in with 503 unavailable within the connection timeout', async () => {
      const started = Date.now();
      const res = await request((t as TestApp).http)
        .post(`${API}/auth/signin`)
        .send({ email: user.email, password: user.password })
        .timeout(10_000);
      expectError(res, 503, 'unavailable');
      expect(res.headers['retry-after']).toBeDefined();
      expect(Date.now() - started).toBeLessThan(8_000);
    }, 15_000);

    it('answers a key-authenticated request with 503, not 401', async () => {
      // A well-formed key needs a lookup: an outage must not look like a bad key.
      const { generateApiKey } = await import('../../src/api-keys/api-key-format');
      const res = await request((t as TestApp).http)
        .get(`${API}/auth/user`)
        .set('X-API-Key', generateApiKey())
        .timeout(10_000);
      expectError(res, 503, 'unavailable');
    }, 15_000);

    it('fails readiness with 503 and keeps liveness at 200', async () => {
      const app = t as TestApp;
      const ready = await request(app.http).get('/health/ready').timeout(10_000);
      expect(ready.status).toBe(503);
      expect(ready.headers['content-type']).toBe('application/json; charset=utf-8');
      await request(app.http).get('/health').timeout(5_000).expect(200, { status: 'ok' });
    }, 15_000);

    it('logs the outage as a dependency failure, without SQL or stack traces', () => {
      const logs = (t as TestApp).logs.join('\n');
      expect(logs).toContain('Dependency down');
      expect(logs).not.toContain('Unhandled error');
    });
  });
});
