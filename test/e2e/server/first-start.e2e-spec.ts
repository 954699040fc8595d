import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sleep } from '../../helpers/factories';
import { freePort } from '../../helpers/free-port';

/**
 * The built server (`node dist/src/main.js`) as a person starts it: what it says on start-up,
 * and a second start on the same DATA_DIR refused in one sentence before PGlite opens the files.
 * Its stdout is a pipe, not a terminal, so it writes JSON lines.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

interface Server {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A pid that belonged to a process which has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((done) => child.once('exit', done));
  return child.pid!;
}

describe('first start of the built server', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];

  function spawnServer(env: Record<string, string>, port: number): Server {
    const childEnv: NodeJS.ProcessEnv = { ...process.env };
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
      'LOG_FORMAT',
    ]) {
      delete childEnv[name];
    }
    Object.assign(childEnv, {
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...env,
    });
    const child = spawn(process.execPath, [MAIN], { cwd: ROOT, env: childEnv, stdio: 'pipe' });
    children.push(child);
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.once('exit', (code, signal) => done({ code, signal })),
    );
    return { child, port, stdout: () => stdout, output: () => output, exited };
  }

  async function startServer(env: Record<string, string>): Promise<Server> {
    const server = spawnServer(env, await freePort());
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (server.child.exitCode !== null || server.child.signalCode !== null) {
        throw new Error(`server exited before it was ready:\n${server.output()}`);
      }
      try {
        const res = await fetch(`http://127.0.0.1:${server.port}/health/ready`, {
          signal: AbortSignal.timeout(2_000),
        });
        if (res.status === 200) return server;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`not ready within 30 s:\n${server.output()}`);
  }

  async function stopServer(server: Server): Promise<{ code: number | null }> {
    server.child.kill('SIGTERM');
    const { code } = await server.exited;
    return { code };
  }

  /** stdout as JSON lines; fails the test on a line that is not JSON. */
  function jsonLines(server: Server): Record<string, unknown>[] {
    return server
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  function banner(server: Server): string {
    const line = jsonLines(server).find(
      (l) => typeof l.msg === 'string' && l.msg.startsWith('Keyward listening on'),
    );
    if (!line) throw new Error(`no start-up banner in:\n${server.output()}`);
    return line.msg as string;
  }

  function tempDataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'keyward-first-start-'));
    dirs.push(dir);
    return dir;
  }

  beforeAll(() => {
    if (!existsSync(MAIN)) {
      execFileSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 170_000 });
    }
  }, 180_000);

  afterAll(async () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) {
        const gone = new Promise((done) => child.once('exit', done));
        child.kill('SIGKILL');
        await gone;
      }
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('says where it listens, where its data and generated secrets are, in one JSON line', async () => {
    const dataDir = tempDataDir();
    const server = await startServer({ DATA_DIR: dataDir });
    const text = banner(server);
    expect(text).toContain(`Keyward listening on http://127.0.0.1:${server.port}`);
    expect(text).toMatch(
      new RegExp(`Swagger UI +http://127\\.0\\.0\\.1:${server.port}/docs .*/docs-json`),
    );
    expect(text).toMatch(/Database +embedded PostgreSQL \(PGlite\), data in /);
    expect(text).toContain(dataDir);
    expect(text).toMatch(/Redis +none: rate limits and cache invalidation in process/);
    expect(text).toMatch(/Secrets +JWT_SECRET and KEY_PEPPER generated in /);
    expect(text).toContain('losing KEY_PEPPER invalidates every API key');
    // Nest's line per module and route is debug now, not info.
    const contexts = jsonLines(server).map((l) => l.context);
    for (const noisy of ['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']) {
      expect(contexts).not.toContain(noisy);
    }
    expect(await stopServer(server)).toEqual({ code: 0 });
  }, 60_000);

  it('names a PostgreSQL and Redis it uses without their credentials', async () => {
    const db = new URL(process.env.KEYWARD_TEST_DATABASE_URL!);
    db.username = 'postgres';
    db.password = 'not-shown-anywhere';
    const server = await startServer({
      DATA_DIR: tempDataDir(),
      DATABASE_URL: db.toString(),
      DB_MIGRATIONS_RUN: 'false',
      REDIS_URL: 'redis://:also-not-shown@127.0.0.1:6379',
      JWT_SECRET: 'j'.repeat(40),
      KEY_PEPPER: 'k'.repeat(40),
    });
    const text = banner(server);
    expect(text).toMatch(
      new RegExp(`Database +PostgreSQL ${db.hostname}:${db.port || 5432}${db.pathname}\\n`),
    );
    expect(text).toMatch(/Redis +redis:\/\/127\.0\.0\.1:6379$/);
    // Secrets from the environment: nothing to keep in DATA_DIR, no Secrets line.
    expect(text).not.toContain('Secrets');
    expect(server.output()).not.toContain('not-shown');
    expect(await stopServer(server)).toEqual({ code: 0 });
  }, 60_000);

  it('refuses a second start on the same DATA_DIR, naming the first process', async () => {
    const dataDir = tempDataDir();
    const first = await startServer({ DATA_DIR: dataDir });
    const second = spawnServer({ DATA_DIR: dataDir }, await freePort());
    const { code } = await second.exited;
    expect(code).toBe(1);
    expect(second.output().trim()).toBe(
      `Another Keyward (pid ${first.child.pid}) is using DATA_DIR ${dataDir}: stop it, or give ` +
        `this one its own DATA_DIR and PORT (if pid ${first.child.pid} is not Keyward, delete ` +
        `${join(dataDir, 'keyward.pid')}).`,
    );
    // The first one did not notice.
    const ready = await fetch(`http://127.0.0.1:${first.port}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await stopServer(first)).toEqual({ code: 0 });
    // A clean stop frees the directory.
    expect(existsSync(join(dataDir, 'keyward.pid'))).toBe(false);
  }, 60_000);

  it('takes over a lock left by a process that is gone', async () => {
    const dataDir = tempDataDir();
    const lock = join(dataDir, 'keyward.pid');
    writeFileSync(lock, `${await deadPid()}\n`);
    const server = await startServer({ DATA_DIR: dataDir });
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(server.child.pid));
    expect(await stopServer(server)).toEqual({ code: 0 });
  }, 60_000);
});
