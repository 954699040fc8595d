import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { STRONG_PASSWORD, uniqueEmail } from '../../helpers/factories';
import { freePort } from '../../helpers/free-port';

/**
 * The built server as a user runs it (`node dist/src/main.js`), without DATABASE_URL: it must
 * start its embedded PostgreSQL, migrate, answer readiness, shut down cleanly on SIGTERM and
 * find its users, keys and generated secrets again after a restart on the same DATA_DIR.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

interface Server {
  child: ChildProcess;
  base: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('embedded mode: the built server', () => {
  const children: ChildProcess[] = [];
  let dataDir: string;

  async function startServer(): Promise<Server> {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env };
    // Nothing from the test run's environment may point the server elsewhere.
    for (const name of [
      'DATABASE_URL',
      'KEYWARD_TEST_DATABASE_URL',
      'JWT_SECRET',
      'KEY_PEPPER',
      'ADMIN_EMAIL',
      'ADMIN_PASSWORD',
      'CORS_ORIGINS',
      'REDIS_URL',
      'EMBEDDED_DB_PORT',
    ]) {
      delete env[name];
    }
    Object.assign(env, {
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    });
    const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: 'pipe' });
    children.push(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.once('exit', (code, signal) => done({ code, signal })),
    );
    const server: Server = {
      child,
      base: `http://127.0.0.1:${port}`,
      output: () => output,
      exited,
    };
    await waitUntilReady(server);
    return server;
  }

  async function waitUntilReady(server: Server, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer';
    while (Date.now() < deadline) {
      if (server.child.exitCode !== null || server.child.signalCode !== null) {
        throw new Error(`server exited before it was ready:\n${server.output()}`);
      }
      try {
        const res = await fetch(`${server.base}/health/ready`, {
          signal: AbortSignal.timeout(2_000),
        });
        if (res.status === 200) return;
        last = `HTTP ${res.status}`;
      } catch (err) {
        last = String(err);
      }
      await sleep(200);
    }
    throw new Error(`not ready within ${timeoutMs} ms (${last}):\n${server.output()}`);
  }

  async function stopServer(
    server: Server,
  ): Promise<{ code: number | null; signal: string | null }> {
    server.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<{ code: null; signal: string }>((done) => {
      timer = setTimeout(() => done({ code: null, signal: 'no exit within 15 s' }), 15_000);
    });
    try {
      return await Promise.race([server.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function call(
    server: Server,
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
    if (!existsSync(MAIN)) {
      execFileSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 170_000 });
    }
    dataDir = mkdtempSync(join(tmpdir(), 'keyward-embedded-'));
  }, 180_000);

  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((done) => child.once('exit', done));
        child.kill('SIGKILL');
        await gone;
      }
    }
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

    const stopped = await stopServer(server);
    expect(stopped).toEqual({ code: 0, signal: null });
    // The generated secrets were kept for the next start, next to the data.
    expect(existsSync(join(dataDir, 'jwt_secret.secret'))).toBe(true);
    expect(existsSync(join(dataDir, 'key_pepper.secret'))).toBe(true);
    expect(server.output()).not.toContain(key);
    expect(server.output()).not.toContain(password);
  }, 60_000);

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

    expect(await stopServer(server)).toEqual({ code: 0, signal: null });
  }, 60_000);
});
