/**
 * An A/B of two or more builds of Keyward in one process, for changes too small for separate
 * `npm run bench` runs (these machines drift 5-15 µs per request between runs). Each build's
 * app runs on its own database; requests go in through `fastify.inject` (no sockets, no load
 * generator); each scenario's builds run back to back, in an order rotated every round so that
 * each build takes each position equally often.
 *
 *   git worktree add /tmp/base HEAD && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   (cd /tmp/base && npm run build) && npm run build && cp -r dist /tmp/copy
 *   npx ts-node --transpile-only bench/ab.ts /tmp/base/dist /tmp/copy dist [--rounds=12]
 *
 * Prints, per scenario and build, the median CPU µs per request over the rounds (with their
 * range) and, for each build after the first, the median of its per-round differences from the
 * first. The injector's own cost is included: compare differences, not levels. An unchanged
 * copy of the first build (`/tmp/copy` above, a copy so that Node loads it again) shows the
 * harness's own spread; a difference not clearly outside it is no difference.
 *
 * What it cannot see: anything below Fastify's router (Node's HTTP parser, socket writes, the
 * kernel's wake-ups; `npm run bench` measures those), and dependency changes (the builds share
 * node_modules). The builds share one heap, one garbage collector and the JIT's view of library
 * code, and an idle build's timers (key-cache refresh, last_used_at flush) are charged to the
 * build being measured; the service's heap cap (`--max-old-space-size=192`) applies only if
 * given to this process. Builds must be of a `src` whose `createApp` and `loadConfig` match.
 *
 * PostgreSQL and Redis as for `npm run bench`: `--admin-url` is the connection under which a
 * database per build is created and dropped; `--redis-url=none` for in-process rate limits.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { Client } from 'pg';
import type * as AppFactory from '../src/app.factory';
import type * as AppConfigModule from '../src/config/app-config';

const HUGE_LIMIT = 1_000_000_000; // a rate limit no round can exhaust
const CONCURRENCY = 50; // requests in flight, as autocannon's connections in `npm run bench`

interface Options {
  dists: string[];
  rounds: number;
  requests: number;
  adminUrl: string;
  redisUrl: string;
}

interface Scenario {
  name: string;
  request: InjectOptions;
  status: number;
}

interface Build {
  dist: string;
  fastify: FastifyInstance;
  scenarios: Scenario[];
}

function parseArgs(argv: string[]): Options {
  const dists: string[] = [];
  const flags = new Map<string, string>();
  for (const arg of argv) {
    if (!arg.startsWith('--')) {
      dists.push(resolve(arg));
      continue;
    }
    const flag = /^--(rounds|requests|admin-url|redis-url)=(.+)$/.exec(arg);
    if (!flag) throw new Error(`Unknown argument ${arg} (flags take --name=value)`);
    flags.set(flag[1], flag[2]);
  }
  if (dists.length < 2) throw new Error('Give at least two dist directories to compare');
  const count = (name: string, fallback: number): number => {
    const value = Number(flags.get(name) ?? fallback);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be an integer > 0`);
    return value;
  };
  const rounds = count('rounds', 4 * dists.length);
  if (rounds % dists.length !== 0) {
    throw new Error(`--rounds must be a multiple of ${dists.length}: each build first as often`);
  }
  return {
    dists,
    rounds,
    requests: count('requests', 20_000),
    adminUrl: flags.get('admin-url') ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: flags.get('redis-url') ?? 'redis://127.0.0.1:6379',
  };
}

/** What is still to be undone, last first; every step runs even if one before it fails. */
class Cleanup {
  private readonly steps: (() => Promise<unknown>)[] = [];

  add(step: () => Promise<unknown>): void {
    this.steps.unshift(step);
  }

  async run(): Promise<void> {
    let first: Error | undefined;
    for (const step of this.steps) {
      await step().catch((err: unknown) => {
        first ??= err instanceof Error ? err : new Error(String(err));
      });
    }
    if (first !== undefined) throw first;
  }
}

function expectStatus(
  response: { statusCode: number; body: string },
  status: number,
  what: string,
): void {
  if (response.statusCode !== status) {
    throw new Error(`${what}: ${response.statusCode} ${response.body}`);
  }
}

async function startBuild(
  dist: string,
  index: number,
  options: Options,
  admin: Client,
  cleanup: Cleanup,
): Promise<Build> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(resolve(dist, 'src/app.factory')) as typeof AppFactory;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configModule = require(resolve(dist, 'src/config/app-config')) as typeof AppConfigModule;
  const database = `keyward_ab_${process.pid}_${index}`;
  await admin.query(`CREATE DATABASE ${database}`);
  cleanup.add(() => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  const databaseUrl = new URL(options.adminUrl);
  databaseUrl.pathname = `/${database}`;
  const config = configModule.loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl.toString(),
    ...(options.redisUrl === 'none' ? {} : { REDIS_URL: options.redisUrl }),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    KEY_PEPPER: randomBytes(32).toString('base64url'),
    SESSION_RATE_LIMIT_PER_MINUTE: String(HUGE_LIMIT),
    AUTH_FAILURE_LIMIT_PER_IP: String(HUGE_LIMIT),
    // Read by builds that have /metrics: every answer timed, as operators run it.
    METRICS_TOKEN: randomBytes(24).toString('base64url'),
  });
  const logStream = new Writable({ write: (_chunk, _encoding, done) => done() });
  const app = await factory.createApp(config, { logStream }); // initialised and ready
  cleanup.add(() => app.close());
  const fastify = app.getHttpAdapter().getInstance();

  const signUp = await fastify.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { email: 'ab@example.com', password: 'correct horse battery staple' },
  });
  expectStatus(signUp, 201, `${dist}: sign-up`);
  const { access_token: token } = signUp.json<{ access_token: string }>();
  const created = await fastify.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: { authorization: `Bearer ${token}` },
    payload: { name: 'ab', scopes: ['read:users'] },
  });
  expectStatus(created, 201, `${dist}: key creation`);
  const { key } = created.json<{ key: string }>();
  // The API caps a key's limit; the bench's warm key is set past any round the same way. A new
  // key is not cached yet, so its first use reads this limit.
  const db = new Client({ connectionString: config.databaseUrl });
  await db.connect();
  try {
    await db.query('UPDATE api_keys SET rate_limit_per_minute = $1', [HUGE_LIMIT]);
  } finally {
    await db.end();
  }

  const garbage = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`; // checksum broken
  const scenarios: Scenario[] = [
    { name: 'health', request: { method: 'GET', url: '/health' }, status: 200 },
    {
      name: 'key-warm',
      request: { method: 'GET', url: '/api/v1/auth/user', headers: { 'x-api-key': key } },
      status: 200,
    },
    {
      name: 'key-garbage',
      request: { method: 'GET', url: '/api/v1/auth/user', headers: { 'x-api-key': garbage } },
      status: 401,
    },
  ];
  return { dist, fastify, scenarios };
}

/** CPU µs per request over `requests` injected requests, CONCURRENCY at a time. */
async function cpuPerRequest(
  fastify: FastifyInstance,
  scenario: Scenario,
  requests: number,
): Promise<number> {
  let sent = 0;
  let failed = false; // one worker's failure stops the others
  const worker = async (): Promise<void> => {
    while (!failed && sent++ < requests) {
      const response = await fastify.inject(scenario.request);
      if (response.statusCode !== scenario.status) {
        failed = true;
        expectStatus(response, scenario.status, scenario.name);
      }
    }
  };
  const start = process.cpuUsage();
  const settled = await Promise.allSettled(Array.from({ length: CONCURRENCY }, worker));
  const used = process.cpuUsage(start);
  const rejected = settled.find((result) => result.status === 'rejected');
  if (rejected) throw rejected.reason;
  return (used.user + used.system) / requests;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function report(builds: Build[], samples: number[][][], rounds: number): void {
  const names = builds[0].scenarios.map((scenario) => scenario.name);
  console.log(`| build | ${names.join(' | ')} |`);
  console.log(`|---|${names.map(() => '---:').join('|')}|`);
  for (const [b, build] of builds.entries()) {
    const cells = samples[b].map((values, s) => {
      const range = `${Math.min(...values).toFixed(1)}-${Math.max(...values).toFixed(1)}`;
      const level = `${median(values).toFixed(1)} (${range})`;
      if (b === 0) return level;
      const delta = median(values.map((value, round) => value - samples[0][s][round]));
      return `${level}, ${delta >= 0 ? '+' : ''}${delta.toFixed(1)}`;
    });
    console.log(`| ${build.dist} | ${cells.join(' | ')} |`);
  }
  console.log(
    `\nCPU µs per request: median of ${rounds} rounds (range); after the first build, the ` +
      'median of its per-round differences from the first',
  );
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const admin = new Client({ connectionString: options.adminUrl });
  await admin.connect();
  const cleanup = new Cleanup();
  cleanup.add(() => admin.end());
  try {
    const builds: Build[] = [];
    for (const [index, dist] of options.dists.entries()) {
      builds.push(await startBuild(dist, index, options, admin, cleanup));
    }
    for (const build of builds) {
      for (const scenario of build.scenarios) await cpuPerRequest(build.fastify, scenario, 5000);
    }
    const samples = builds.map((build) => build.scenarios.map((): number[] => []));
    for (let round = 0; round < options.rounds; round++) {
      const order = builds.map((_, b) => (b + round) % builds.length);
      for (const s of builds[0].scenarios.keys()) {
        for (const b of order) {
          const build = builds[b];
          samples[b][s].push(
            await cpuPerRequest(build.fastify, build.scenarios[s], options.requests),
          );
        }
      }
    }
    report(builds, samples, options.rounds);
  } finally {
    await cleanup.run();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
