import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureBuilt,
  killAll,
  startBuiltServer,
  stopBuiltServer,
  type BuiltServer,
} from '../../helpers/built-server';
import { STRONG_PASSWORD, uniqueEmail } from '../../helpers/factories';

/**
 * The built server as a user runs it (`node dist/src/main.js`), without DATABASE_URL: it must
 * start its embedded PostgreSQL, migrate, answer readiness, shut down cleanly on SIGTERM and
 * find its users, keys and generated secrets again after a restart on the same DATA_DIR.
 */
describe('embedded mode: the built server', () => {
  const children: ChildProcess[] = [];
  let dataDir: string;

  const startServer = (): Promise<BuiltServer> => startBuiltServer(children, { DATA_DIR: dataDir });

  async function call(
    server: BuiltServer,
    method: string,
    path: string,
    { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${server.base}${path}`, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'keyward-embedded-'));
  }, 180_000);

  afterAll(async () => {
    await killAll(children);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const email = uniqueEmail('embedded');
  const password = `${STRONG_PASSWORD} embedded`;
  let key: string;
  let keyId: string;
  let userId: string;
  let accessToken: string;

  it('starts without DATABASE_URL, serves sign-up and keys, and exits 0 on SIGTERM', async () => {
    const server = await startServer();
    expect(server.output()).toMatch(/embedded PostgreSQL/);

    const signup = await call(server, 'POST', '/api/v1/auth/signup', {
      body: { email, password },
    });
    expect(signup.status).toBe(201);
    userId = (signup.body.user as { id: string }).id;
    accessToken = signup.body.access_token as string;

    const created = await call(server, 'POST', '/api/v1/api-keys', {
      body: { name: 'survives restarts', scopes: ['read:users'] },
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(created.status).toBe(201);
    key = created.body.key as string;
    keyId = (created.body.api_key as { id: string }).id;

    const stopped = await stopBuiltServer(server);
    expect(stopped).toEqual({ code: 0, signal: null });
    // The generated secrets were kept for the next start, next to the data.
    expect(existsSync(join(dataDir, 'jwt_secret.secret'))).toBe(true);
    expect(existsSync(join(dataDir, 'key_pepper.secret'))).toBe(true);
    expect(server.output()).not.toContain(key);
    expect(server.output()).not.toContain(password);
  }, 300_000);

  it('keeps users, sessions, keys and secrets across a restart on the same DATA_DIR', async () => {
    expect(key).toBeDefined(); // the first test ran
    const server = await startServer();

    // The generated JWT secret was read back: the earlier session's token still works.
    const me = await call(server, 'GET', '/api/v1/auth/user', {
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(me).toMatchObject({ status: 200, body: { id: userId, email } });

    const signin = await call(server, 'POST', '/api/v1/auth/signin', {
      body: { email, password },
    });
    expect(signin.status).toBe(200);
    const token = signin.body.access_token as string;

    const list = await call(server, 'GET', '/api/v1/api-keys', {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(list.status).toBe(200);
    expect((list.body.api_keys as { id: string }[]).map((k) => k.id)).toContain(keyId);

    // The generated pepper was read back: the stored digest still matches the key.
    const byKey = await call(server, 'GET', '/api/v1/auth/user', { headers: { 'X-API-Key': key } });
    expect(byKey).toMatchObject({ status: 200, body: { id: userId, email } });

    expect(await stopBuiltServer(server)).toEqual({ code: 0, signal: null });
  }, 300_000);
});
