import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sleep } from './factories';
import { freePort } from './free-port';

/**
 * The built server as a person runs it (`node dist/src/main.js`), in a child process with an
 * environment the test spells out: nothing from the test run's own environment may point it at
 * another database, Redis or set of secrets.
 */
export const ROOT = resolve(__dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'src', 'main.js');

/** Variables of the test run that would otherwise leak into the child's configuration. */
const RUN_ENVIRONMENT = [
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
];

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BuiltServer {
  child: ChildProcess;
  port: number;
  /** http://127.0.0.1:<port> */
  base: string;
  stdout: () => string;
  /** stdout and stderr, interleaved as they came. */
  output: () => string;
  exited: Promise<Exit>;
}

/** Builds the server when dist/ is missing (a test run straight after a clone). */
export function ensureBuilt(): void {
  if (!existsSync(MAIN)) {
    execFileSync('npx', ['nest', 'build'], { cwd: ROOT, stdio: 'inherit', timeout: 170_000 });
  }
}

/**
 * Starts the built server on `port` without waiting for it: development mode on 127.0.0.1 at
 * `info`, then `env`. Every child is added to `children`, for the suite's afterAll.
 */
export function spawnBuiltServer(
  children: ChildProcess[],
  env: Record<string, string>,
  port: number,
): BuiltServer {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const name of RUN_ENVIRONMENT) delete childEnv[name];
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
  const exited = new Promise<Exit>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    stdout: () => stdout,
    output: () => output,
    exited,
  };
}

/**
 * Resolves once /health/ready answers 200; fails if the server exits or takes too long. A first
 * embedded start creates a PostgreSQL cluster in WebAssembly: about 30 s of CPU on a busy
 * machine, so the deadline is generous and only catches a server that never comes up.
 */
export async function waitUntilReady(server: BuiltServer, timeoutMs = 120_000): Promise<void> {
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
      last = String(err); // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`not ready within ${timeoutMs} ms (${last}):\n${server.output()}`);
}

/** The built server on a free port, ready. */
export async function startBuiltServer(
  children: ChildProcess[],
  env: Record<string, string>,
): Promise<BuiltServer> {
  const server = spawnBuiltServer(children, env, await freePort());
  await waitUntilReady(server);
  return server;
}

/** SIGTERM, and how the process ended (or that it did not within `timeoutMs`). */
export async function stopBuiltServer(
  server: BuiltServer,
  timeoutMs = 15_000,
): Promise<{ code: number | null; signal: string | null }> {
  server.child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ code: null; signal: string }>((done) => {
    timer = setTimeout(
      () => done({ code: null, signal: `no exit within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([server.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** SIGKILLs every child still running, and waits for each to be gone. */
export async function killAll(children: ChildProcess[]): Promise<void> {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGKILL');
      await gone;
    }
  }
}
