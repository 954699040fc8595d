import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { EmbeddedPostgres } from '../../src/database/embedded-postgres';

const ROOT = resolve(__dirname, '..', '..');

/**
 * Runs the app's own `startEmbeddedPostgres()` (in memory) in a child process and hands back its
 * URL and a `stop()` that calls the real `stop()` over IPC. A child, because PGlite loads Node
 * built-ins with `import()`, which jest's VM sandbox refuses without --experimental-vm-modules
 * (global-setup.ts runs outside the sandbox, test files do not).
 */
export interface EmbeddedPostgresProcess extends EmbeddedPostgres {
  child: ChildProcess;
  /** Ends the child however it is; safe to call twice. */
  kill(): Promise<void>;
}

const SCRIPT = `
const { startEmbeddedPostgres } = require(${JSON.stringify(resolve(ROOT, 'src/database/embedded-postgres.ts'))});
let embedded;
startEmbeddedPostgres({ maxConnections: 20 }).then(
  (e) => { embedded = e; process.send({ type: 'ready', url: e.url }); },
  (err) => { process.send({ type: 'failed', message: String((err && err.stack) || err) }); },
);
process.on('message', (message) => {
  if (message !== 'stop') return;
  embedded.stop().then(
    () => process.send({ type: 'stopped' }),
    (err) => process.send({ type: 'failed', message: String((err && err.stack) || err) }),
  );
});
process.on('disconnect', () => process.exit(0));
`;

type Message =
  { type: 'ready'; url: string } | { type: 'stopped' } | { type: 'failed'; message: string };

function nextMessage(child: ChildProcess, timeoutMs: number): Promise<Message> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`embedded PostgreSQL child: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: Message): void => {
      cleanup();
      if (message.type === 'failed') reject(new Error(message.message));
      else resolvePromise(message);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      cleanup();
      reject(new Error(`embedded PostgreSQL child exited (code ${code}, signal ${signal})`));
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

export async function startEmbeddedPostgresProcess(): Promise<EmbeddedPostgresProcess> {
  const child = spawn(
    process.execPath,
    ['-r', require.resolve('ts-node/register/transpile-only'), '-e', SCRIPT],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };
  try {
    const ready = await nextMessage(child, 20_000);
    if (ready.type !== 'ready') throw new Error(`unexpected message ${ready.type}`);
    return {
      url: ready.url,
      child,
      kill,
      async stop() {
        const answer = nextMessage(child, 10_000);
        child.send('stop');
        await answer;
      },
    };
  } catch (err) {
    await kill();
    throw err;
  }
}
