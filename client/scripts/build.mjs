// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with .d.ts, with plain tsc: the
// client is a handful of files, so a bundler would add dependencies and no benefit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(join(root, 'dist'), { recursive: true, force: true });
for (const [config, type] of [
  ['tsconfig.esm.json', 'module'],
  ['tsconfig.cjs.json', 'commonjs'],
]) {
  execFileSync(process.execPath, [tsc, '-p', join(root, config)], { stdio: 'inherit' });
  const outDir = join(root, 'dist', type === 'module' ? 'esm' : 'cjs');
  mkdirSync(outDir, { recursive: true });
  // Tells Node (and TypeScript) how to read the .js and .d.ts files of each build.
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify({ type }, null, 2)}\n`);
}
