import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureBuilt,
  killAll,
  spawnBuiltServer,
  startBuiltServer,
  stopBuiltServer,
  type BuiltServer,
} from '../../helpers/built-server';
import { freePort } from '../../helpers/free-port';

/**
 * The built server (`node dist/src/main.js`) as a person starts it: what it says on start-up,
 * and a second start on the same DATA_DIR refused in one sentence before PGlite opens the files.
 * Its stdout is a pipe, not a terminal, so it writes JSON lines.
 */
/** A pid that belonged to a process which has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((done) => child.once('exit', done));
  return child.pid!;
}

describe('first start of the built server', () => {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];

  const startServer = (env: Record<string, string>): Promise<BuiltServer> =>
    startBuiltServer(children, env);

  /** stdout as JSON lines; fails the test on a line that is not JSON. */
  function jsonLines(server: BuiltServer): Record<string, unknown>[] {
    return server
      .stdout()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  function banner(server: BuiltServer): string {
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

  beforeAll(() => ensureBuilt(), 180_000);

  afterAll(async () => {
    await killAll(children);
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
    expect(await stopBuiltServer(server)).toEqual({ code: 0, signal: null });
  }, 300_000);

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
    expect(await stopBuiltServer(server)).toEqual({ code: 0, signal: null });
  }, 300_000);

  it('refuses a second start on the same DATA_DIR, naming the first process', async () => {
    const dataDir = tempDataDir();
    const first = await startServer({ DATA_DIR: dataDir });
    const second = spawnBuiltServer(children, { DATA_DIR: dataDir }, await freePort());
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
    expect(await stopBuiltServer(first)).toEqual({ code: 0, signal: null });
    // A clean stop frees the directory.
    expect(existsSync(join(dataDir, 'keyward.pid'))).toBe(false);
  }, 300_000);

  it('takes over a lock left by a process that is gone', async () => {
    const dataDir = tempDataDir();
    const lock = join(dataDir, 'keyward.pid');
    writeFileSync(lock, `${await deadPid()}\n`);
    const server = await startServer({ DATA_DIR: dataDir });
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(server.child.pid));
    expect(await stopBuiltServer(server)).toEqual({ code: 0, signal: null });
  }, 300_000);
});
