import { Client } from 'pg';
import request from 'supertest';
import { API, signIn, sleep, uniqueEmail, type TestUser } from './factories';
import { startTestApp, type TestApp } from './test-app';

/**
 * Shared pieces of the key-authentication suites (key-auth, rate-limits, revocation, users).
 */

export const REDIS_URL = process.env.REDIS_URL;

/** Suites that need a real Redis run when REDIS_URL is set (CI) and are skipped otherwise. */
export const describeRedis = REDIS_URL ? describe : describe.skip;
export const REDIS_TAG = REDIS_URL ? '' : ' [skipped: REDIS_URL unset]';

/** Cross-connection LISTEN/NOTIFY needs a real PostgreSQL server; PGlite's socket has none. */
export const describeServerPostgres = process.env.DATABASE_URL ? describe : describe.skip;
export const SERVER_PG_TAG = process.env.DATABASE_URL ? '' : ' [skipped: DATABASE_URL unset]';

/** `REDIS_URL` when the run has one, so suites exercise the shared path in CI. */
export const redisEnv = (): Record<string, string> => (REDIS_URL ? { REDIS_URL } : {});

export const ALL_SCOPES = ['read:users', 'write:users', 'verify:api-keys'];

/**
 * Starts an app and makes it listen on an ephemeral port, so supertest reuses that port for
 * concurrent requests (on an unbound server supertest binds and closes one per request).
 */
export async function startListeningApp(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp(env);
  await t.app.listen(0, '127.0.0.1');
  return t;
}

export const ADMIN_PASSWORD = 'keyward operator passphrase 7';

/** An app whose start-up admin (ADMIN_EMAIL/ADMIN_PASSWORD) is unique to this call. */
export async function startAppWithAdmin(
  env: Record<string, string> = {},
): Promise<{ t: TestApp; admin: TestUser }> {
  const email = uniqueEmail('admin');
  const t = await startListeningApp({ ADMIN_EMAIL: email, ADMIN_PASSWORD, ...env });
  return { t, admin: await signIn(t.http, email, ADMIN_PASSWORD) };
}

/** Sets a user's role through the API (PATCH /users/{id}), as `admin`. */
export async function setRole(
  t: TestApp,
  admin: TestUser,
  userId: string,
  role: 'user' | 'admin',
): Promise<void> {
  const res = await request(t.http)
    .patch(`${API}/users/${userId}`)
    .set('Authorization', `Bearer ${admin.accessToken}`)
    .send({ role });
  if (res.status !== 200) throw new Error(`PATCH role → ${res.status} ${res.text}`);
}

/** `[status]` for a success, `[status, code]` for an error answer. */
export function outcomeOf(res: request.Response): [number] | [number, string] {
  return res.status < 400 ? [res.status] : [res.status, (res.body as { code: string }).code];
}

/**
 * Repeats `attempt` every `everyMs` until it returns true or `giveUpMs` passed; returns the
 * milliseconds it took, or null. Bounded: a broken invalidation cannot hang the suite.
 */
export async function pollUntil(
  attempt: () => Promise<boolean>,
  { everyMs = 50, giveUpMs = 3000 }: { everyMs?: number; giveUpMs?: number } = {},
): Promise<number | null> {
  const started = performance.now();
  for (;;) {
    if (await attempt()) return performance.now() - started;
    if (performance.now() - started > giveUpMs) return null;
    await sleep(everyMs);
  }
}

/**
 * Every SQL statement any `pg` client in this process sends: a spy on `Client.prototype.query`
 * that still runs the query. TypeORM's pool clients are `pg` Clients, so nothing escapes it.
 */
export interface SqlRecorder {
  /** The statements since the last call (and forgets them). */
  take(): string[];
  restore(): void;
}

export function recordSql(): SqlRecorder {
  const spy = jest.spyOn(Client.prototype, 'query');
  const text = (arg: unknown): string =>
    typeof arg === 'string' ? arg : String((arg as { text?: unknown } | null)?.text ?? arg);
  return {
    take() {
      const statements = spy.mock.calls.map((call) => text((call as unknown[])[0]));
      spy.mockClear();
      return statements;
    },
    restore: () => spy.mockRestore(),
  };
}

/** Expires a key in the database (the API only accepts future expiry times). */
export async function expireKeyInDatabase(t: TestApp, keyId: string): Promise<void> {
  await t.dataSource.query(
    `UPDATE api_keys SET expires_at = now() - interval '1 hour' WHERE id = $1`,
    [keyId],
  );
}
