import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestApp } from '../../helpers/test-app';

const ROOT = join(__dirname, '..', '..', '..');
const LAUNCHER = join(ROOT, 'bin', 'keyward.js');
const COMPILED = join(ROOT, 'dist', 'src', 'cli');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The command line as a user runs it: `bin/keyward.js` (the package's bin) on the compiled
 * code, in a child process without a terminal. Run asynchronously: the app answering it lives
 * in this process.
 */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [LAUNCHER, ...args],
      { env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * The suites run the compiled command line (what `npx keyward` runs); refuse to test a build
 * older than the source rather than pass or fail on stale code.
 */
export function assertCliBuilt(): void {
  const entry = join(COMPILED, 'main.js');
  const client = join(ROOT, 'client', 'dist', 'cjs', 'index.js');
  if (!existsSync(entry) || !existsSync(client)) {
    throw new Error('The command line is not built: run `npm run build` first');
  }
  const built = statSync(entry).mtimeMs;
  const sources = readdirSync(join(ROOT, 'src', 'cli'), { recursive: true, encoding: 'utf8' });
  const stale = sources.filter(
    (file) => file.endsWith('.ts') && statSync(join(ROOT, 'src', 'cli', file)).mtimeMs > built,
  );
  if (stale.length > 0) {
    throw new Error(
      `src/cli changed since the last build (${stale.join(', ')}): run \`npm run build\``,
    );
  }
}

/** A fresh $XDG_CONFIG_HOME (and $HOME), so each suite has its own session file. */
export function configHome(): string {
  return mkdtempSync(join(tmpdir(), 'keyward-cli-'));
}

export function sessionFile(home: string): string {
  return join(home, 'keyward', 'session.json');
}

export function readSession(home: string): Record<string, string> {
  return JSON.parse(readFileSync(sessionFile(home), 'utf8')) as Record<string, string>;
}

export function urlOf(t: TestApp): string {
  return `http://127.0.0.1:${(t.http.address() as AddressInfo).port}`;
}
