/**
 * An A/B of two or more builds of Keyward in one process: each build's app is created on its own
 * database, requests go in through `fastify.inject` (no sockets, no load generator), and the
 * builds' rounds are interleaved, so the machine's drift between runs, which on these shared
 * machines is larger than most single changes, falls on every build alike. Prints the median
 * CPU µs per request of each scenario per build (the injector's own cost included: compare
 * differences, not levels).
 *
 *   git worktree add /tmp/base HEAD && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   (cd /tmp/base && npm run build) && npm run build
 *   npx ts-node --transpile-only bench/ab.ts /tmp/base/dist dist [--rounds=8] [--requests=20000]
 *
 * PostgreSQL and Redis as for `npm run bench` (--database-url is the admin connection under which
 * a database per build is created and dropped; --redis-url=none for in-process rate limits).
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

interface Scenario {
  name: string;
  request: InjectOptions;
  status: number;
}

interface Build {
  dist: string;
  database: string;
  fastify: FastifyInstance;
  scenarios: Scenario[];
  close(): Promise<void>;
}

function parseArgs(argv: string[]): {
  dists: string[];
  rounds: number;
  requests: number;
  admin: string;
  redisUrl: string;
} {
  const dists: string[] = [];
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const flag = /^--([a-z-]+)=(.*)$/.exec(arg);
    if (flag) flags.set(flag[1], flag[2]);
    else dists.push(resolve(arg));
  }
  if (dists.length < 2) throw new Error('Give at least two dist directories to compare');
  return {
    dists,
    rounds: Number(flags.get('rounds') ?? 8),
    requests: Number(flags.get('requests') ?? 20_000),
    admin: flags.get('database-url') ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: flags.get('redis-url') ?? 'redis://127.0.0.1:6379',
  };
}

async function startBuild(
  dist: string,
  index: number,
  admin: Client,
  adminUrl: string,
  redisUrl: string,
): Promise<Build> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(resolve(dist, 'src/app.factory')) as typeof AppFactory;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const configModule = require(resolve(dist, 'src/config/app-config')) as typeof AppConfigModule;
  const database = `keyward_ab_${process.pid}_${index}`;
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${database}`;
  const config = configModule.loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl.toString(),
    ...(redisUrl === 'none' ? {} : { REDIS_URL: redisUrl }),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    KEY_PEPPER: randomBytes(32).toString('base64url'),
    SESSION_RATE_LIMIT_PER_MINUTE: String(HUGE_LIMIT),
    AUTH_FAILURE_LIMIT_PER_IP: String(HUGE_LIMIT),
  });
  const logStream = new Writable({ write: (_chunk, _encoding, done) => done() });
  const app = await factory.createApp(config, { logStream });
  await app.init();
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.ready();

  const signUp = await fastify.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { email: 'ab@example.com', password: 'correct horse battery staple' },
  });
  const { access_token: token } = signUp.json<{ access_token: string }>();
  const created = await fastify.inject({
    method: 'POST',
    url: '/api/v1/api-keys',
    headers: { authorization: `Bearer ${token}` },
    payload: { name: 'ab', scopes: ['read:users'] },
  });
  const { key } = created.json<{ key: string }>();
  // The API caps a key's limit; the bench's warm key is set past any round the same way.
  const db = new Client({ connectionString: config.databaseUrl });
  await db.connect();
  await db.query('UPDATE api_keys SET rate_limit_per_minute = $1', [HUGE_LIMIT]);
  await db.end();

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
  return {
    dist,
    database,
    fastify,
    scenarios,
    close: async () => {
      await app.close();
      await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    },
  };
}

/** CPU µs per request over `requests` injected requests, CONCURRENCY at a time. */
async function cpuPerRequest(
  fastify: FastifyInstance,
  scenario: Scenario,
  requests: number,
): Promise<number> {
  let sent = 0;
  const worker = async (): Promise<void> => {
    while (sent++ < requests) {
      const response = await fastify.inject(scenario.request);
      if (response.statusCode !== scenario.status) {
        throw new Error(`${scenario.name}: ${response.statusCode} ${response.body}`);
      }
    }
  };
  const start = process.cpuUsage();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const used = process.cpuUsage(start);
  return (used.user + used.system) / requests;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const admin = new Client({ connectionString: options.admin });
  await admin.connect();
  const builds: Build[] = [];
  try {
    for (const [index, dist] of options.dists.entries()) {
      builds.push(await startBuild(dist, index, admin, options.admin, options.redisUrl));
    }
    const samples = builds.map((build) => build.scenarios.map((): number[] => []));
    for (const build of builds) {
      for (const scenario of build.scenarios) await cpuPerRequest(build.fastify, scenario, 5000);
    }
    // Each scenario's builds back to back, in alternating order (ABBA): a pair of samples is
    // seconds apart, and neither build always goes first.
    const order = builds.map((_, b) => b);
    for (let round = 0; round < options.rounds; round++) {
      for (const s of builds[0].scenarios.keys()) {
        for (const b of round % 2 ? [...order].reverse() : order) {
          const build = builds[b];
          samples[b][s].push(
            await cpuPerRequest(build.fastify, build.scenarios[s], options.requests),
          );
        }
      }
    }
    const names = builds[0].scenarios.map((scenario) => scenario.name);
    console.log(`| build | ${names.join(' | ')} |`);
    console.log(`|---|${names.map(() => '---:').join('|')}|`);
    for (const [b, build] of builds.entries()) {
      const cells = samples[b].map((rounds, s) => {
        const level = `${median(rounds).toFixed(1)} (${Math.min(...rounds).toFixed(1)}-${Math.max(...rounds).toFixed(1)})`;
        if (b === 0) return level;
        const paired = rounds.map((value, round) => value - samples[0][s][round]);
        const delta = median(paired);
        return `${level}, ${delta >= 0 ? '+' : ''}${delta.toFixed(1)}`;
      });
      console.log(`| ${build.dist} | ${cells.join(' | ')} |`);
    }
    console.log(
      `\nCPU µs per request: median of ${options.rounds} rounds (range); after the first build, ` +
        'the median of its per-round differences from the first',
    );
  } finally {
    for (const build of builds) await build.close();
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
