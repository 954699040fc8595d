import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import {
  startFaultTarget,
  startProxyFor,
  type FaultProxy,
  type FaultTarget,
} from '../../helpers/fault-proxy';
import { STRONG_PASSWORD, sleep, uniqueEmail } from '../../helpers/factories';
import { pollUntil } from '../../helpers/keyed';
import { freePort } from '../../helpers/free-port';

/**
 * The built server (`node dist/src/main.js`) on SIGTERM. Readiness turns 503 at
 * once while the drain period (SHUTDOWN_DRAIN_MS) still serves; a request in flight when the
 * signal arrives gets its 200; the pending `last_used_at` uses are written; the process exits 0
 * within SHUTDOWN_TIMEOUT_MS.
 *
 * The server reaches PostgreSQL (the run's database on the real server, else a private PGlite
 * child) through a proxy the test pauses, so "a request in flight" is a request provably
 * waiting on its database read when the signal arrives, not a race.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');
const DRAIN_MS = 1000;
const SHUTDOWN_TIMEOUT_MS = 8000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Resolves true when a TCP connection to `port` is refused (the listener is closed). */
function refused(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      socket.destroy();
      done(false);
    }, 2000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      done(false);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      done(err.code === 'ECONNREFUSED');
    });
  });
}

const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
};

describe('graceful shutdown of the built server (SIGTERM)', () => {
  let target: FaultTarget;
  let proxy: FaultProxy;
  let child: ChildProcess | undefined;
  let exited: Promise<Exit>;
  let output = '';
  let base: string;
  let port: number;
  let dataDir: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) {
      execFileSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 170_000 });
    }
    dataDir = mkdtempSync(join(tmpdir(), 'keyward-shutdown-'));
    target = await startFaultTarget();
    proxy = await startProxyFor(target);
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['KEYWARD_TEST_DATABASE_URL', 'ADMIN_EMAIL', 'ADMIN_PASSWORD']) {
      delete env[name];
    }
    Object.assign(env, {
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: proxy.proxiedUrl(target.url),
      DB_MIGRATIONS_RUN: target.migrate,
      JWT_SECRET: randomBytes(32).toString('base64url'),
      KEY_PEPPER: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'info',
      // Nothing is flushed on the timer during the test: only the shutdown flush can write.
      LAST_USED_FLUSH_MS: '600000',
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      // Longer than the test holds the database, so the in-flight request waits, not fails.
      DB_QUERY_TIMEOUT_MS: '10000',
    });
    const started = spawn(process.execPath, [MAIN], { cwd: ROOT, env, stdio: 'pipe' });
    child = started;
    started.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    started.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    exited = new Promise<Exit>((done) =>
      started.once('exit', (code, signal) => done({ code, signal })),
    );
    const ready = await pollUntil(
      async () => {
        if (started.exitCode !== null) throw new Error(`server exited:\n${output}`);
        const res = await fetch(`${base}/health/ready`, {
          signal: AbortSignal.timeout(2000),
        }).catch(
          () => null, // not listening yet
        );
        return res?.status === 200;
      },
      { everyMs: 200, giveUpMs: 30_000 },
    );
    if (ready === null) throw new Error(`server not ready within 30 s:\n${output}`);
  }, 240_000);

  afterAll(async () => {
    proxy?.resume();
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await within(exited, 10_000, 'SIGKILL').catch(() => undefined);
    }
    await proxy?.close();
    await target?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  async function call(
    method: string,
    path: string,
    { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const json = (await res.json()) as Record<string, unknown>;
    return { status: res.status, body: json, ms: performance.now() - started };
  }

  async function lastUsedAt(keyId: string): Promise<Date | null> {
    const db = new Client({ connectionString: target.url, connectionTimeoutMillis: 5000 });
    await db.connect();
    try {
      const { rows } = await db.query<{ last_used_at: Date | null }>(
        'SELECT last_used_at FROM api_keys WHERE id = $1',
        [keyId],
      );
      return rows[0]?.last_used_at ?? null;
    } finally {
      await db.end();
    }
  }

  it('drains: readiness 503 at once, in-flight 200, last_used_at flushed, exit 0', async () => {
    const signup = await call('POST', '/api/v1/auth/signup', {
      body: { email: uniqueEmail('shutdown'), password: STRONG_PASSWORD },
    });
    expect(signup.status).toBe(201);
    const auth = { Authorization: `Bearer ${signup.body.access_token as string}` };
    const keys: { id: string; key: string }[] = [];
    for (const name of ['used before SIGTERM', 'in flight at SIGTERM']) {
      const created = await call('POST', '/api/v1/api-keys', {
        body: { name, scopes: ['read:users'] },
        headers: auth,
      });
      expect(created.status).toBe(201);
      keys.push({
        id: (created.body.api_key as { id: string }).id,
        key: created.body.key as string,
      });
    }
    const [used, inFlight] = keys;

    // A key use just before the signal: recorded in memory, not yet written.
    const usedAt = Date.now();
    expect(
      (await call('GET', '/api/v1/auth/user', { headers: { 'X-API-Key': used.key } })).status,
    ).toBe(200);
    expect(await lastUsedAt(used.id)).toBeNull();

    // A request in flight: the database hangs under its key lookup.
    proxy.pause();
    const slow = call('GET', '/api/v1/auth/user', { headers: { 'X-API-Key': inFlight.key } });
    const reached = await pollUntil(() => Promise.resolve(proxy.heldBytes > 0), {
      everyMs: 10,
      giveUpMs: 3000,
    });
    expect(reached).not.toBeNull();

    const signalledAt = performance.now();
    (child as ChildProcess).kill('SIGTERM');
    await sleep(100);

    // Readiness fails at once (not after a database ping: the database is hung right now)...
    const ready = await call('GET', '/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(500);
    // ... while the process is alive and, during the drain period, still serving.
    expect((await call('GET', '/health')).status).toBe(200);
    const duringDrain = await call('GET', '/api/v1/auth/user', {
      headers: { 'X-API-Key': used.key },
    });
    expect(duringDrain.status).toBe(200);
    expect(performance.now() - signalledAt).toBeLessThan(DRAIN_MS);

    // After the drain period the listener is closed, but the in-flight request is still waiting.
    const closed = await pollUntil(() => refused(port), { everyMs: 50, giveUpMs: DRAIN_MS + 2000 });
    expect(closed).not.toBeNull();
    expect(child?.exitCode).toBeNull();

    // The database answers again: the in-flight request completes with its 200.
    proxy.resume();
    const answered = await within(slow, 10_000, 'in-flight request');
    expect(answered.status).toBe(200);
    expect(answered.body.id).toBe((signup.body.user as { id: string }).id);

    const exit = await within(exited, SHUTDOWN_TIMEOUT_MS, 'exit after SIGTERM');
    if (exit.code !== 0) throw new Error(`exit ${exit.code}; server output:\n${output}`);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(performance.now() - signalledAt).toBeLessThan(SHUTDOWN_TIMEOUT_MS);
    expect(output).toContain('SIGTERM: draining');
    expect(output).not.toContain('Shutdown timed out');

    // The uses recorded in memory were written on the way out.
    const written = await lastUsedAt(used.id);
    expect(written).not.toBeNull();
    expect((written as Date).getTime()).toBeGreaterThanOrEqual(usedAt - 1000);
    expect(await lastUsedAt(inFlight.id)).not.toBeNull();
  }, 60_000);
});
