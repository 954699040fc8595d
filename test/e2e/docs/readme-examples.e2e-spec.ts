import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startListeningApp, type ListeningApp } from '../client/server';
import {
  asOneProgram,
  describeRun,
  run,
  runnableBlocks,
  type CodeBlock,
  type RunResult,
} from './runnable-blocks';

/**
 * The examples of README.md and client/README.md marked `<!-- runnable -->`, run as a reader
 * pastes them: each document's shell blocks in one bash session (curl and jq, KEYWARD_URL
 * pointing at a live service), its TypeScript blocks in one ES module that imports
 * `@keyward/client` from the tarball `npm pack` makes, type-checked by tsc (strict) and run by
 * node as `.mjs`. Twice in a row on the same service, because a reader runs them again: the
 * second time the account they sign up exists already.
 */
const ROOT = resolve(__dirname, '..', '..', '..');
const DOCS = ['README.md', 'client/README.md'] as const;
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function expectSuccess(what: string, result: RunResult, program: string): void {
  if (result.code !== 0) throw new Error(describeRun(what, result, program));
  expect(result.code).toBe(0);
}

describe('docs: every runnable example of the READMEs runs against a live service', () => {
  let t: ListeningApp;
  /** A project of a reader's: @keyward/client installed from the packed tarball. */
  let project: string;
  const blocks = Object.fromEntries(
    DOCS.map((doc) => [doc, runnableBlocks(join(ROOT, doc), doc)]),
  ) as Record<(typeof DOCS)[number], CodeBlock[]>;

  beforeAll(async () => {
    for (const tool of ['curl', 'jq']) {
      const found = await run('bash', ['-c', `command -v ${tool}`], { cwd: ROOT });
      if (found.code !== 0) throw new Error(`${tool} is not installed (Debian package ${tool})`);
    }
    if (!existsSync(join(ROOT, 'client', 'dist', 'esm', 'index.js'))) {
      throw new Error('client/dist is not built: run `npm install` or `npm run build` first');
    }
    project = mkdtempSync(join(tmpdir(), 'keyward-readme-'));
    writeFileSync(join(project, 'package.json'), '{ "private": true }\n');
    // `npm pack` as the client README says, without its prepack rebuild: other suites of the
    // run use client/dist while this one runs, and `npm test` has just built it.
    const packed = await run(
      'npm',
      ['pack', '-w', '@keyward/client', '--ignore-scripts', '--pack-destination', project],
      { cwd: ROOT },
    );
    expectSuccess('npm pack', packed, '');
    const tarball = join(project, packed.stdout.trim().split('\n').pop()!);
    // What `npm install <tarball>` does, without the registry: unpack it into node_modules and
    // give it its one dependency.
    const installed = join(project, 'node_modules', '@keyward', 'client');
    mkdirSync(installed, { recursive: true });
    expectSuccess(
      'tar',
      await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1'], {
        cwd: project,
      }),
      '',
    );
    symlinkSync(
      join(ROOT, 'node_modules', 'openapi-fetch'),
      join(project, 'node_modules', 'openapi-fetch'),
    );
    // `npx keyward` finds the command line as it finds an installed package's bin.
    mkdirSync(join(project, 'node_modules', '.bin'));
    symlinkSync(join(ROOT, 'bin', 'keyward.js'), join(project, 'node_modules', '.bin', 'keyward'));
    t = await startListeningApp();
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  async function runShell(doc: string, shell: CodeBlock[]): Promise<RunResult> {
    // -e and pipefail: a refused call (curl --fail-with-body) or a failed jq fails the run, as
    // it stops a reader.
    const program = `set -euo pipefail\n${asOneProgram(shell, '#')}`;
    const script = join(project, 'examples.sh');
    writeFileSync(script, program);
    const result = await run('bash', [script], {
      cwd: project,
      env: {
        ...process.env,
        KEYWARD_URL: t.url,
        // What the reader types at `keyward login`'s prompt, and a home of this run's own for
        // the session it keeps.
        KEYWARD_PASSWORD: 'correct horse battery staple',
        XDG_CONFIG_HOME: join(project, 'config'),
      },
    });
    expectSuccess(`${doc}: bash`, result, program);
    return result;
  }

  /** Where a document's TypeScript blocks are written, as one ES module. */
  const moduleOf = (doc: string): string => `${doc.replace(/\W+/g, '-').toLowerCase()}.mts`;

  function writeTypeScript(doc: (typeof DOCS)[number]): string {
    const program = asOneProgram(
      blocks[doc].filter((b) => b.language === 'ts'),
      '//',
    );
    writeFileSync(join(project, moduleOf(doc)), program);
    // The blocks carry no type annotations, so the same text is the JavaScript of example.mjs.
    writeFileSync(join(project, moduleOf(doc).replace(/\.mts$/, '.mjs')), program);
    return program;
  }

  async function runTypeScript(doc: (typeof DOCS)[number]): Promise<RunResult> {
    const program = writeTypeScript(doc);
    const result = await run(process.execPath, [moduleOf(doc).replace(/\.mts$/, '.mjs')], {
      cwd: project,
      env: { ...process.env, KEYWARD_URL: t.url },
    });
    expectSuccess(`${doc}: node`, result, program);
    return result;
  }

  async function runDoc(
    doc: (typeof DOCS)[number],
  ): Promise<{ shell?: RunResult; ts?: RunResult }> {
    const shell = blocks[doc].filter((b) => b.language === 'bash');
    const ts = blocks[doc].filter((b) => b.language === 'ts');
    return {
      shell: shell.length > 0 ? await runShell(doc, shell) : undefined,
      ts: ts.length > 0 ? await runTypeScript(doc) : undefined,
    };
  }

  it('marks the quick-start examples runnable: curl, the client, and every key method', () => {
    const readme = blocks['README.md'];
    const client = blocks['client/README.md'];
    const has = (list: CodeBlock[], language: string, ...parts: string[]) =>
      list.some((b) => b.language === language && parts.every((p) => b.code.includes(p)));
    expect(has(readme, 'bash', '/auth/signup', '/auth/signin', '/api-keys')).toBe(true);
    expect(has(readme, 'bash', 'next_cursor')).toBe(true);
    for (const command of ['login', 'keys create', 'keys rotate', 'keys delete', 'logout']) {
      expect([command, has(readme, 'bash', `npx keyward ${command}`)]).toEqual([command, true]);
    }
    expect(has(readme, 'ts', 'createClient(', 'apiKeys.create(')).toBe(true);
    expect(has(client, 'ts', 'auth.signUp(', 'auth.login(')).toBe(true);
    for (const method of ['create', 'get', 'list', 'update', 'revoke', 'delete']) {
      expect([method, has(client, 'ts', `apiKeys.${method}(`)]).toEqual([method, true]);
    }
    expect(has(client, 'ts', 'expires_at:')).toBe(true);
    expect(has(client, 'ts', 'new APIKeysManager(')).toBe(true);
  });

  it('the TypeScript examples type-check (strict) against the packed client', async () => {
    const programs = DOCS.map((doc) => writeTypeScript(doc)).join('\n');
    const checked = await run(
      process.execPath,
      [
        TSC,
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--typeRoots',
        join(ROOT, 'node_modules', '@types'),
        '--types',
        'node',
        ...DOCS.map(moduleOf),
      ],
      { cwd: project, timeoutMs: 120_000 },
    );
    expectSuccess('tsc', checked, programs);
  }, 150_000);

  it('README.md: the curl and client examples run, in order, as a reader pastes them', async () => {
    const { shell, ts } = await runDoc('README.md');
    expect(shell?.stdout).toContain('"email":"me@example.com"'); // GET /auth/user with the key
    expect(shell?.stderr).not.toContain('signing in instead');
    // The command line, from login to logout, on the key it created.
    expect(shell?.stdout).toContain('as me@example.com.');
    expect(shell?.stdout.match(/Store this key now/g)).toHaveLength(2); // create, then rotate
    expect(shell?.stdout).toMatch(/Revoked API key [0-9a-f-]{36}\.[\s\S]*Deleted API key /);
    expect(shell?.stdout).toContain('Logged out of ');
    expect(ts?.stdout).toMatch(/Production Service created; you have \d+ keys/);
  }, 180_000);

  it('client/README.md: the quick start and every method example run, in order', async () => {
    const { ts } = await runDoc('client/README.md');
    expect(ts?.stdout).toMatch(/API Key: kw_/);
    expect(ts?.stdout).toContain('API key deleted');
    expect(ts?.stdout).toMatch(/No such key: /);
    expect(ts?.stdout).toContain('The key belongs to me@example.com');
  }, 180_000);

  it('README.md: the examples run again on the same service, signing in instead', async () => {
    const { shell, ts } = await runDoc('README.md');
    expect(shell?.stderr).toContain('me@example.com exists: signing in instead');
    expect(shell?.stdout).toContain('"email":"me@example.com"');
    expect(ts?.stdout).toMatch(/Production Service created; you have \d+ keys/);
  }, 180_000);

  it('client/README.md: the examples run again on the same service', async () => {
    const { ts } = await runDoc('client/README.md');
    expect(ts?.stdout).toContain('The key belongs to me@example.com');
  }, 180_000);

  it("the clone's client folder installs as a file: dependency and loads both ways", async () => {
    const linked = join(project, 'linked');
    mkdirSync(linked);
    writeFileSync(join(linked, 'package.json'), '{ "private": true }\n');
    // --offline: npm links the folder; its one dependency is found in the clone's node_modules.
    const installed = await run(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', join(ROOT, 'client')],
      { cwd: linked },
    );
    expectSuccess('npm install <clone>/client', installed, '');
    const cjs = await run(
      process.execPath,
      ['-e', "console.log(typeof require('@keyward/client').createClient)"],
      { cwd: linked },
    );
    const esm = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { createClient } from '@keyward/client'; console.log(typeof createClient)",
      ],
      { cwd: linked },
    );
    expect([cjs.stdout.trim(), cjs.stderr]).toEqual(['function', '']);
    expect([esm.stdout.trim(), esm.stderr]).toEqual(['function', '']);
  });

  it('the packed client loads from a CommonJS project too', async () => {
    const result = await run(
      process.execPath,
      ['-e', "console.log(typeof require('@keyward/client').createClient)"],
      { cwd: project },
    );
    expectSuccess('require', result, '');
    expect(result.stdout.trim()).toBe('function');
  });
});
