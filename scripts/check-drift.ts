import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSpec } from './write-openapi';

/**
 * Fails when the committed openapi.json or the client's generated types differ from what the
 * code produces now: both are rebuilt into a temporary directory and compared byte for byte.
 * Fix a failure with `npm run openapi` and commit the result.
 */
async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const tmp = mkdtempSync(join(tmpdir(), 'keyward-drift-'));
  try {
    const spec = join(tmp, 'openapi.json');
    const schema = join(tmp, 'schema.ts');
    writeFileSync(spec, await buildSpec());
    execFileSync(process.execPath, [join(root, 'client/scripts/generate.mjs'), spec, schema], {
      stdio: 'ignore',
    });
    const drifted = [
      ['openapi.json', spec],
      ['client/src/generated/schema.ts', schema],
    ].filter(([committed, fresh]) => {
      let current: string;
      try {
        current = readFileSync(join(root, committed), 'utf8');
      } catch {
        return true;
      }
      return current !== readFileSync(fresh, 'utf8');
    });
    if (drifted.length > 0) {
      console.error(
        `Out of date: ${drifted.map(([file]) => file).join(', ')}.\n` +
          'The API changed without its spec or client types: run `npm run openapi` and commit.',
      );
      process.exitCode = 1;
      return;
    }
    console.log('openapi.json and client/src/generated are up to date');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
