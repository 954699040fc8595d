/**
 * npm run bench: the keyed request path against a bare node:http server and our own /health,
 * all measured in one run on this machine (see bench/README.md).
 *
 *   npm run bench -- [--duration=10] [--warmup=3] [--connections=50] [--rate=5000]
 *                    [--scenarios=key-warm,health,...] [--long] [--profile]
 *                    [--database-url=postgres://...] [--redis-url=redis://...] [--allow-embedded]
 *                    [--pin=false] (default: servers on CPU 0, the load driver on CPU 1)
 */
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import { digestApiKey, generateApiKey, visiblePrefix } from '../src/api-keys/api-key-format';
import type * as KeywardClient from '@keyward/client';
import type { LoadJob, LoadResult } from './load-worker';

const ROOT = resolve(__dirname, '..');
const RESULTS = join(ROOT, 'bench', 'results');
const CLK_TCK = 100; // Linux USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s
const HUGE_LIMIT = 1_000_000_000; // rate_limit_per_minute that no run can exhaust
const HUGE_CREDITS = 2_000_000_000; // a credit balance no run can spend (the column's max is 2^31-1)

interface Options {
  duration: number;
  warmup: number;
  connections: number;
  rate: number;
  longSeconds: number;
  /** Interleaved rounds of the paired scenarios. */
  rounds: number;
  /** Distinct keys in key-many (the service's key cache holds 50,000 by default). */
  keys: number;
  scenarios: string[] | null;
  long: boolean;
  profile: boolean;
  nodeArgs?: string;
  databaseUrl?: string;
  redisUrl: string;
  /** RATE_LIMIT_LEASE_MS for the service; undefined: its default. */
  leaseMs: string | undefined;
  allowEmbedded: boolean;
  /** Servers on CPU 0, the load driver on CPU 1, so neither takes the other's core. */
  pin: boolean;
}

function parseArgs(argv: string[]): Options {
  const args = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`Unknown argument ${arg}`);
    args.set(match[1], match[2] ?? 'true');
  }
  const num = (name: string, fallback: number): number => {
    const value = Number(args.get(name) ?? fallback);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a number > 0`);
    return value;
  };
  return {
    duration: num('duration', 6),
    warmup: num('warmup', 3),
    connections: num('connections', 50),
    rate: num('rate', 5000),
    longSeconds: num('long-seconds', 300),
    keys: num('keys', 10_000),
    rounds: num('rounds', 3),
    scenarios: args.get('scenarios')?.split(',') ?? null,
    long: args.has('long'),
    profile: args.has('profile'),
    nodeArgs: args.get('node-args'),
    databaseUrl: args.get('database-url'),
    redisUrl: args.get('redis-url') ?? 'redis://127.0.0.1:6379',
    leaseMs: args.get('lease-ms'),
    allowEmbedded: args.has('allow-embedded'),
    pin: (args.get('pin') ?? String(availableParallelism() >= 2)) !== 'false',
  };
}

/** Set by main from --pin: which CPU the servers and the load driver are pinned to. */
let pinning: { servers: string; load: string } | null = null;

/** All threads of `pid`, and those it starts later, on `cpus` (taskset from util-linux). */
function pin(pid: number | undefined, cpus: string): void {
  if (pid !== undefined)
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error()),
      );
    });
  });
}

/** The node flags package.json's start:prod passes before dist/src/main.js (the heap cap). */
function shippedNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const match = /\bnode\s+(.*?)\s*dist\/src\/main\.js/.exec(pkg.scripts['start:prod']);
  return match ? match[1].split(/\s+/).filter(Boolean) : [];
}

/** The newest modification time under a directory, to tell whether dist/ is stale. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfNeeded(): void {
  const main = join(ROOT, 'dist', 'src', 'main.js');
  if (existsSync(main) && statSync(main).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  console.error('bench: building (dist is missing or older than src)…');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

// ---------------------------------------------------------------------------------------------
// The server process: CPU time and memory from /proc, statements and commands from its counters

interface ProcSample {
  cpuSeconds: number;
  /** Of cpuSeconds, time in the kernel (stime): mostly sending answers over loopback. */
  systemSeconds: number;
  rssBytes: number;
  hwmBytes: number;
}

function procSample(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces) start at field 3.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuTicks = Number(fields[11]) + Number(fields[12]); // utime + stime
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return {
    cpuSeconds: cpuTicks / CLK_TCK,
    systemSeconds: Number(fields[12]) / CLK_TCK,
    rssBytes: kb('VmRSS'),
    hwmBytes: kb('VmHWM'),
  };
}

interface Counters {
  requests: number;
  sql: number;
  sqlLastUsedFlush: number;
  sqlCacheRefresh?: number;
  sqlBackground?: number;
  redis: number;
  redisByCommand?: Record<string, number>;
}

interface Target {
  name: string;
  pid: number;
  base: string;
  counters?: () => Promise<Counters>;
  /** Turns the service's statement attribution on or off (bench/metrics-preload.mjs). */
  attribution?: (on: boolean) => Promise<void>;
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode})`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

const BARE_SERVER = `
const http = require('node:http');
const body = JSON.stringify({ ok: true });
http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');
`;

function stopChild(child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

// ---------------------------------------------------------------------------------------------
// Load

function load(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolveLoad, reject) => {
    const worker = fork(join(__dirname, 'load-worker.ts'), [], {
      execArgv: ['-r', 'ts-node/register/transpile-only'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    if (pinning) pin(worker.pid, pinning.load);
    let settled = false;
    worker.once('message', (message: { ok: boolean; result?: LoadResult; error?: string }) => {
      settled = true;
      if (message.ok && message.result) resolveLoad(message.result);
      else reject(new Error(message.error ?? 'load worker failed'));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`load worker exited with ${code}`));
    });
    worker.send(job);
  });
}

interface Scenario {
  name: string;
  target: 'service' | 'bare' | 'nest-min';
  job: (o: Options) => Omit<LoadJob, 'url' | 'connections'> & { connections?: number };
  path: string;
  warmup: boolean;
  /**
   * Measured in `--rounds` interleaved rounds with the other paired scenarios (the ones the
   * ratio targets compare), so that a drift of this shared machine's speed hits both sides of a
   * ratio alike; each target is the median of its per-round ratios.
   */
  paired?: boolean;
  note?: string;
}

interface ScenarioResult extends LoadResult {
  name: string;
  note?: string;
  cpuMicrosPerRequest: number;
  /** Share of that CPU time spent in the kernel. */
  systemShare: number;
  peakRssMb: number;
  sqlPerRequest: number | null;
  lastUsedFlushes: number | null;
  redisPerRequest: number | null;
  /** Statements sent by timers and workers while they were attributed (not per request). */
  sqlBackground?: number;
  /** Statement attribution was on during the measured run (no warm-up): CPU includes it. */
  attributedInRun?: boolean;
  /**
   * Every statement of the measured run but the batched flushes and refreshes, per request: an
   * upper bound (background work included) on what the attribution window measured.
   */
  sqlInRunPerRequest?: number;
  /** Batched key-cache refresh statements during the scenario (not per request). */
  cacheRefreshes?: number;
  /** Redis commands sent during the scenario, by name (what any command beyond one a request was). */
  redisCommands?: Record<string, number>;
  /** A paired scenario's rounds, in order (the figures above combine them). */
  rounds?: ScenarioResult[];
}

/** How many statements a request waits on, from counters taken with attribution on. */
interface Attributed {
  sqlPerRequest: number;
  /** Statements no request waited on, in the window. */
  sqlBackground: number;
}

/** Seconds of load, after the warm-up, with statement attribution on. */
const ATTRIBUTION_SECONDS = 2;

function statementsOf(before: Counters, after: Counters, served: number): Attributed {
  const background = (after.sqlBackground ?? 0) - (before.sqlBackground ?? 0);
  return {
    sqlPerRequest: (after.sql - before.sql - background) / served,
    sqlBackground: background,
  };
}

async function attributeStatements(job: LoadJob, target: Target): Promise<Attributed> {
  await target.attribution!(true);
  try {
    await sleep(500);
    const before = await target.counters!();
    await load({ ...job, amount: undefined, durationSeconds: ATTRIBUTION_SECONDS });
    await sleep(500);
    const after = await target.counters!();
    return statementsOf(before, after, Math.max(1, after.requests - before.requests));
  } finally {
    await target.attribution!(false);
  }
}

async function measure(
  scenario: Scenario,
  target: Target,
  options: Options,
  warmupSeconds = scenario.warmup ? options.warmup : 0,
): Promise<ScenarioResult> {
  const spec = scenario.job(options);
  const job: LoadJob = {
    connections: options.connections,
    ...spec,
    url: target.base + scenario.path,
  };
  if (warmupSeconds > 0) {
    await load({
      ...job,
      amount: undefined,
      durationSeconds: warmupSeconds,
      overallRate: undefined,
    });
  }
  // Statements are told apart (a request's own, or background work) only with attribution on,
  // which costs the service CPU (promise hooks): a repeatable load gets a short window of its own
  // for it, so that the measured run that follows is the service as shipped. A load without a
  // warm-up (cold keys) is attributed in its measured run, its CPU figure including that cost.
  let attributed: Attributed | undefined;
  if (target.attribution && target.counters && warmupSeconds > 0) {
    attributed = await attributeStatements(job, target);
  }
  const attributeInRun = target.attribution !== undefined && attributed === undefined;
  if (attributeInRun) await target.attribution!(true);
  // Let the requests still in flight when the load stopped finish before counting from zero.
  await sleep(500);
  const countersBefore = await target.counters?.();
  const before = procSample(target.pid);
  let peakRss = before.rssBytes;
  const poll = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, procSample(target.pid).rssBytes);
    } catch {
      // the process is gone; the load result will say so
    }
  }, 100);
  let result: LoadResult;
  try {
    result = await load(job);
  } finally {
    clearInterval(poll);
  }
  await sleep(500);
  const after = procSample(target.pid);
  peakRss = Math.max(peakRss, after.rssBytes);
  const countersAfter = await target.counters?.();
  if (attributeInRun) await target.attribution!(false);
  const n = Math.max(1, result.requests);
  const out: ScenarioResult = {
    name: scenario.name,
    note: scenario.note,
    ...result,
    cpuMicrosPerRequest: ((after.cpuSeconds - before.cpuSeconds) * 1e6) / n,
    systemShare:
      (after.systemSeconds - before.systemSeconds) /
      Math.max(1e-9, after.cpuSeconds - before.cpuSeconds),
    peakRssMb: peakRss / 2 ** 20,
    sqlPerRequest: null,
    lastUsedFlushes: null,
    redisPerRequest: null,
  };
  if (countersBefore && countersAfter) {
    // The server's own count of answers: it includes the few requests still in flight when the
    // load stopped, which autocannon does not count but whose statements and commands we do.
    const served = Math.max(1, countersAfter.requests - countersBefore.requests);
    out.cpuMicrosPerRequest = ((after.cpuSeconds - before.cpuSeconds) * 1e6) / served;
    const flushes = countersAfter.sqlLastUsedFlush - countersBefore.sqlLastUsedFlush;
    // The key cache's refresh-ahead: batched reads on a timer, no request waits on them.
    const refreshes = (countersAfter.sqlCacheRefresh ?? 0) - (countersBefore.sqlCacheRefresh ?? 0);
    // Every statement no request waited on (the two above, usage flushes, webhook polls, the
    // change stream's pruning...) is background work: counted apart, never per request.
    const own = attributed ?? statementsOf(countersBefore, countersAfter, served);
    out.sqlPerRequest = own.sqlPerRequest;
    out.sqlInRunPerRequest =
      (countersAfter.sql - countersBefore.sql - flushes - refreshes) / served;
    out.sqlBackground = own.sqlBackground;
    out.attributedInRun = attributeInRun;
    out.cacheRefreshes = refreshes;
    out.lastUsedFlushes = flushes;
    out.redisPerRequest = (countersAfter.redis - countersBefore.redis) / served;
    out.redisCommands = Object.fromEntries(
      Object.entries(countersAfter.redisByCommand ?? {})
        .map(([name, count]): [string, number] => [
          name,
          count - (countersBefore.redisByCommand?.[name] ?? 0),
        ])
        .filter(([, count]) => count > 0),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Seeding

interface Seed {
  accessToken: string;
  createToken: string;
  /** A user with three webhooks subscribed to every event (the create-webhooks scenario). */
  webhookCreateToken: string;
  warmKey: string;
  limitedKey: string;
  /** As warmKey, with a credit balance no run can spend. */
  creditsKey: string;
  /** As warmKey, usable only from 127.0.0.1 (where the load driver connects from). */
  allowlistKey: string;
  /** Holds verify:api-keys: the verifying service's own key (verify-warm, verifier-hit). */
  verifierKey: string;
  manyKeys: string[];
  invalidKeys: string[];
  garbageKeys: string[];
  /** Well-formed keys that were never stored: one repeated, and many distinct. */
  unknownKey: string;
  unknownKeys: string[];
}

async function signUp(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: `bench ${randomUUID()} password` }),
  });
  if (!res.ok) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function seed(
  base: string,
  databaseUrl: string,
  pepper: string,
  manyCount: number,
  webhookUrl: string,
): Promise<Seed> {
  const accessToken = await signUp(base, `bench-owner-${Date.now()}@example.com`);
  const createToken = await signUp(base, `bench-creator-${Date.now()}@example.com`);
  const webhookCreateToken = await signUp(base, `bench-hooked-${Date.now()}@example.com`);
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${base}/api/v1/webhooks`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${webhookCreateToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ url: `${webhookUrl}/hook-${i}`, events: ['*'] }),
    });
    if (!res.ok) throw new Error(`webhook creation failed: ${res.status} ${await res.text()}`);
  }
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM users WHERE email LIKE 'bench-owner-%' LIMIT 1`,
    );
    const owner = rows[0].id;
    const keys = Array.from({ length: manyCount + 2 }, () => generateApiKey());
    const limits = keys.map((_, i) => (i === 1 ? 1 : HUGE_LIMIT));
    // One multi-row INSERT per 1,000 keys, digests from the service's own function and pepper.
    for (let start = 0; start < keys.length; start += 1000) {
      const batch = keys.slice(start, start + 1000);
      await db.query(
        `INSERT INTO api_keys (user_id, name, key_prefix, key_hash, scopes, rate_limit_per_minute)
         SELECT $1, 'bench ' || n, p, h, ARRAY['read:users'], l
           FROM unnest($2::text[], $3::text[], $4::int[]) WITH ORDINALITY AS t(p, h, l, n)`,
        [
          owner,
          batch.map(visiblePrefix),
          batch.map((k) => digestApiKey(k, pepper)),
          limits.slice(start, start + 1000),
        ],
      );
    }
    const [creditsKey, allowlistKey, verifierKey] = [
      generateApiKey(),
      generateApiKey(),
      generateApiKey(),
    ];
    await db.query(
      `INSERT INTO api_keys (user_id, name, key_prefix, key_hash, scopes, rate_limit_per_minute,
         credits_remaining, allowed_ips)
       VALUES ($1, 'bench credits', $2, $3, ARRAY['read:users'], $6, $7, NULL),
              ($1, 'bench allowlist', $4, $5, ARRAY['read:users'], $6, NULL, ARRAY['127.0.0.1']),
              ($1, 'bench verifier', $8, $9, ARRAY['verify:api-keys'], $6, NULL, NULL)`,
      [
        owner,
        visiblePrefix(creditsKey),
        digestApiKey(creditsKey, pepper),
        visiblePrefix(allowlistKey),
        digestApiKey(allowlistKey, pepper),
        HUGE_LIMIT,
        HUGE_CREDITS,
        visiblePrefix(verifierKey),
        digestApiKey(verifierKey, pepper),
      ],
    );
    const fake = (): string => generateApiKey(); // well-formed, never stored
    return {
      accessToken,
      createToken,
      webhookCreateToken,
      warmKey: keys[0],
      limitedKey: keys[1],
      creditsKey,
      allowlistKey,
      verifierKey,
      manyKeys: keys.slice(2),
      invalidKeys: Array.from({ length: 1000 }, fake),
      unknownKey: fake(),
      unknownKeys: Array.from({ length: 20_000 }, fake),
      // Right shape, wrong checksum: refused before any I/O.
      garbageKeys: Array.from({ length: 1000 }, () => {
        const key = fake();
        const last = key.at(-1) === 'a' ? 'b' : 'a';
        return key.slice(0, -1) + last;
      }),
    };
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Scenarios and targets

function scenarios(seedData: Seed & { nestMinKey: string }, options: Options): Scenario[] {
  const user = '/api/v1/auth/user';
  const get = { method: 'GET' as const };
  return [
    {
      name: 'bare',
      paired: true,
      target: 'bare',
      path: '/',
      warmup: true,
      job: (o) => ({ ...get, headers: {}, durationSeconds: o.duration }),
    },
    {
      name: 'health',
      paired: true,
      target: 'service',
      path: '/health',
      warmup: true,
      job: (o) => ({ ...get, headers: {}, durationSeconds: o.duration }),
    },
    {
      name: 'nest-min-health',
      paired: true,
      target: 'nest-min',
      path: '/health',
      warmup: true,
      note: 'calibration: minimal Nest app, no guard work',
      job: (o) => ({ ...get, headers: {}, durationSeconds: o.duration }),
    },
    {
      name: 'nest-min-keyed',
      paired: true,
      target: 'nest-min',
      path: '/keyed',
      warmup: true,
      note: 'calibration: one guard, HMAC + map + 1 Redis command',
      job: (o) => ({
        ...get,
        headers: { 'x-api-key': seedData.nestMinKey },
        durationSeconds: o.duration,
      }),
    },
    {
      name: 'nest-min-verify',
      paired: true,
      target: 'nest-min',
      path: '/verify',
      warmup: true,
      note: 'calibration: a keyed POST, ValidationPipe on a verify body, a second key check',
      job: (o) => ({
        method: 'POST',
        headers: { 'x-api-key': seedData.nestMinKey, 'content-type': 'application/json' },
        body: JSON.stringify({ key: seedData.nestMinKey }),
        durationSeconds: o.duration,
      }),
    },
    {
      name: 'key-warm',
      paired: true,
      target: 'service',
      path: user,
      warmup: true,
      job: (o) => ({
        ...get,
        headers: { 'x-api-key': seedData.warmKey },
        durationSeconds: o.duration,
      }),
    },
    {
      name: 'key-credits',
      paired: true,
      target: 'service',
      path: user,
      warmup: true,
      note: 'a key with credits: one UPDATE on its row per request',
      job: (o) => ({
        ...get,
        headers: { 'x-api-key': seedData.creditsKey },
        durationSeconds: o.duration,
      }),
    },
    {
      name: 'key-allowlist',
      paired: true,
      target: 'service',
      path: user,
      warmup: true,
      note: 'a key whose allowlist holds 127.0.0.1',
      job: (o) => ({
        ...get,
        headers: { 'x-api-key': seedData.allowlistKey },
        durationSeconds: o.duration,
      }),
    },
    {
      name: 'verify-warm',
      paired: true,
      target: 'service',
      path: '/api/v1/api-keys/verify',
      warmup: true,
      note: "POST /api-keys/verify of key-warm's key by a verify:api-keys key",
      job: (o) => ({
        method: 'POST',
        headers: { 'x-api-key': seedData.verifierKey, 'content-type': 'application/json' },
        body: JSON.stringify({ key: seedData.warmKey }),
        durationSeconds: o.duration,
      }),
    },
    {
      name: 'key-many-cold',
      target: 'service',
      path: user,
      warmup: false,
      note: `one pass over ${options.keys} keys never seen before`,
      job: () => ({
        ...get,
        headers: {},
        amount: options.keys,
        rotate: { header: 'x-api-key', values: seedData.manyKeys },
      }),
    },
    {
      name: 'key-many',
      target: 'service',
      path: user,
      warmup: false,
      note: `${options.keys} keys round-robin, after the cold pass`,
      job: (o) => ({
        ...get,
        headers: {},
        durationSeconds: o.long ? o.longSeconds : o.duration,
        rotate: { header: 'x-api-key', values: seedData.manyKeys },
      }),
    },
    {
      name: 'key-invalid',
      target: 'service',
      path: user,
      warmup: true,
      note: 'valid checksum, no such key (401)',
      job: (o) => ({
        ...get,
        headers: {},
        durationSeconds: o.duration,
        cycle: { header: 'x-api-key', values: seedData.invalidKeys },
      }),
    },
    {
      name: 'key-unknown',
      paired: true,
      target: 'service',
      path: user,
      warmup: true,
      note: 'one well-formed key that does not exist, repeated (401)',
      job: (o) => ({
        ...get,
        headers: { 'x-api-key': seedData.unknownKey },
        durationSeconds: o.duration,
      }),
    },
    {
      name: 'key-unknown-many',
      target: 'service',
      path: user,
      warmup: false,
      note: 'a different well-formed key that does not exist on every request (401)',
      job: () => ({
        ...get,
        headers: {},
        amount: seedData.unknownKeys.length,
        rotate: { header: 'x-api-key', values: seedData.unknownKeys },
      }),
    },
    {
      name: 'key-garbage',
      paired: true,
      target: 'service',
      path: user,
      warmup: true,
      note: 'bad checksum (401)',
      job: (o) => ({
        ...get,
        headers: {},
        durationSeconds: o.duration,
        cycle: { header: 'x-api-key', values: seedData.garbageKeys },
      }),
    },
    {
      name: 'key-limited',
      paired: true,
      target: 'service',
      path: user,
      warmup: true,
      note: 'limit 1/min, every answer 429',
      job: (o) => ({
        ...get,
        headers: { 'x-api-key': seedData.limitedKey },
        durationSeconds: o.duration,
      }),
    },
    {
      name: 'jwt',
      target: 'service',
      path: user,
      warmup: true,
      job: (o) => ({
        ...get,
        headers: { authorization: `Bearer ${seedData.accessToken}` },
        durationSeconds: o.duration,
      }),
    },
    {
      name: 'create',
      target: 'service',
      path: '/api/v1/api-keys',
      warmup: true,
      job: (o) => ({
        method: 'POST',
        headers: {
          authorization: `Bearer ${seedData.createToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: 'bench', scopes: ['read:users'], rate_limit_per_minute: 60 }),
        durationSeconds: o.duration,
      }),
    },
    {
      // The same creation with three webhooks subscribed: the outbox rows are written in the
      // creating transaction, and delivered (to the bare server) while the load runs.
      name: 'create-webhooks',
      target: 'service',
      path: '/api/v1/api-keys',
      warmup: true,
      job: (o) => ({
        method: 'POST',
        headers: {
          authorization: `Bearer ${seedData.webhookCreateToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ name: 'bench', scopes: ['read:users'], rate_limit_per_minute: 60 }),
        durationSeconds: o.duration,
      }),
    },
    {
      name: `key-warm@${options.rate}rps`,
      target: 'service',
      path: user,
      warmup: true,
      note: 'fixed offered load (autocannon overallRate)',
      job: (o) => ({
        ...get,
        headers: { 'x-api-key': seedData.warmKey },
        durationSeconds: o.duration,
        overallRate: o.rate,
      }),
    },
    // The same offered load on /health and on the bare server: what p99 this machine allows at
    // that rate at all (a reference for the key-warm target, not a target of its own).
    {
      name: `health@${options.rate}rps`,
      target: 'service',
      path: '/health',
      warmup: true,
      note: 'reference for the fixed-rate p99',
      job: (o) => ({ ...get, headers: {}, durationSeconds: o.duration, overallRate: o.rate }),
    },
    {
      name: `bare@${options.rate}rps`,
      target: 'bare',
      path: '/',
      warmup: true,
      note: 'reference for the fixed-rate p99',
      job: (o) => ({ ...get, headers: {}, durationSeconds: o.duration, overallRate: o.rate }),
    },
  ];
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * A paired scenario's rounds as one result: throughput over all rounds, per-request figures
 * weighted by each round's requests, latency percentiles the median round's, peaks the highest.
 */
function combine(rounds: ScenarioResult[]): ScenarioResult {
  if (rounds.length === 1) return rounds[0];
  const sum = (f: (r: ScenarioResult) => number): number =>
    rounds.reduce((total, r) => total + f(r), 0);
  const requests = sum((r) => r.requests);
  const weighted = (f: (r: ScenarioResult) => number | null): number | null =>
    rounds.some((r) => f(r) === null)
      ? null
      : sum((r) => f(r)! * r.requests) / Math.max(1, requests);
  const merge = (f: (r: ScenarioResult) => Record<string, number> | undefined) => {
    const merged: Record<string, number> = {};
    for (const r of rounds) {
      for (const [name, count] of Object.entries(f(r) ?? {})) {
        merged[name] = (merged[name] ?? 0) + count;
      }
    }
    return merged;
  };
  return {
    ...rounds[0],
    requests,
    durationSeconds: sum((r) => r.durationSeconds),
    rps: requests / sum((r) => r.durationSeconds),
    p50: median(rounds.map((r) => r.p50)),
    p90: median(rounds.map((r) => r.p90)),
    p99: median(rounds.map((r) => r.p99)),
    max: Math.max(...rounds.map((r) => r.max)),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    statusCodes: merge((r) => r.statusCodes),
    cpuMicrosPerRequest: weighted((r) => r.cpuMicrosPerRequest)!,
    systemShare: weighted((r) => r.systemShare)!,
    peakRssMb: Math.max(...rounds.map((r) => r.peakRssMb)),
    sqlPerRequest: weighted((r) => r.sqlPerRequest),
    sqlInRunPerRequest: weighted((r) => r.sqlInRunPerRequest ?? null) ?? undefined,
    sqlBackground: sum((r) => r.sqlBackground ?? 0),
    redisPerRequest: weighted((r) => r.redisPerRequest),
    lastUsedFlushes: rounds.some((r) => r.lastUsedFlushes === null)
      ? null
      : sum((r) => r.lastUsedFlushes!),
    cacheRefreshes: sum((r) => r.cacheRefreshes ?? 0),
    redisCommands: merge((r) => r.redisCommands),
    rounds,
  };
}

/**
 * a's figure over b's: the median of the per-round ratios when both were measured in the same
 * rounds (each round's pair ran back to back), else the ratio of the combined figures.
 */
function pairedRatio(
  a: ScenarioResult,
  b: ScenarioResult,
  figure: (r: ScenarioResult) => number,
): { ratio: number; range: string } {
  if (a.rounds && b.rounds && a.rounds.length === b.rounds.length) {
    const ratios = a.rounds.map((round, i) => figure(round) / figure(b.rounds![i]));
    const lo = Math.min(...ratios).toFixed(2);
    const hi = Math.max(...ratios).toFixed(2);
    return { ratio: median(ratios), range: `rounds ${lo}–${hi}` };
  }
  return { ratio: figure(a) / figure(b), range: 'one round' };
}

interface TargetCheck {
  target: string;
  value: string;
  /** null: a figure reported next to the targets, not one itself. */
  pass: boolean | null;
}

function checkTargets(results: Map<string, ScenarioResult>, options: Options): TargetCheck[] {
  const out: TargetCheck[] = [];
  const r = (name: string): ScenarioResult | undefined => results.get(name);
  const bare = r('bare');
  const health = r('health');
  const warm = r('key-warm');
  const fixed = [...results.values()].find((s) => s.name.startsWith('key-warm@'));
  const cold = r('key-many-cold');
  const many = r('key-many');
  const garbage = r('key-garbage');
  const limited = r('key-limited');
  const rps = (s: ScenarioResult): number => s.rps;
  const cpu = (s: ScenarioResult): number => s.cpuMicrosPerRequest;
  /** a's CPU per request over b's (the median round's ratio), with both figures. */
  const cpuVersus = (a: ScenarioResult, b: ScenarioResult): { ratio: number; value: string } => {
    const { ratio, range } = pairedRatio(a, b, cpu);
    const value = `${ratio.toFixed(2)}× (${range}; ${cpu(a).toFixed(0)} vs ${cpu(b).toFixed(0)} µs)`;
    return { ratio, value };
  };
  const calibrationKeyed = r('nest-min-keyed');
  if (warm && calibrationKeyed) {
    const { ratio, range } = pairedRatio(warm, calibrationKeyed, rps);
    out.push({
      target: "key-warm ≥ 0.95× the calibration app's keyed req/s",
      value: `${ratio.toFixed(3)} (${range})`,
      pass: ratio >= 0.95,
    });
  }
  if (warm && bare) {
    const { ratio, range } = pairedRatio(warm, bare, rps);
    out.push({
      target: 'key-warm / bare req/s',
      value: `${ratio.toFixed(3)} (${range})`,
      pass: null,
    });
  }
  if (warm && health) {
    const { ratio, range } = pairedRatio(warm, health, rps);
    out.push({
      target: 'key-warm / health req/s',
      value: `${ratio.toFixed(3)} (${range})`,
      pass: null,
    });
  }
  if (fixed) {
    out.push({
      target: `key-warm p99 ≤ 10 ms at ${options.rate} req/s offered`,
      value:
        `${fixed.p99} ms (achieved ${fixed.rps.toFixed(0)} req/s)` +
        [`health@${options.rate}rps`, `bare@${options.rate}rps`]
          .map((name) => r(name))
          .filter((ref): ref is ScenarioResult => ref !== undefined)
          .map((ref) => `; ${ref.name.split('@')[0]} at that rate: ${ref.p99} ms`)
          .join(''),
      pass: fixed.p99 <= 10 && fixed.rps >= 0.95 * options.rate,
    });
  }
  if (warm && warm.sqlPerRequest !== null && warm.redisPerRequest !== null) {
    out.push({
      target: 'key-warm 0 SQL/request (last_used_at flush excluded)',
      value:
        `${warm.sqlPerRequest} (flushes: ${warm.lastUsedFlushes}; whole measured run, ` +
        `background included: ${(warm.sqlInRunPerRequest ?? 0).toFixed(5)})`,
      pass: warm.sqlPerRequest === 0,
    });
    out.push({
      target: 'key-warm ≤ 1 Redis round trip/request',
      value: warm.redisPerRequest.toFixed(4),
      pass: warm.redisPerRequest <= 1,
    });
  }
  if (cold?.sqlPerRequest != null) {
    out.push({
      target: 'key-many cold ≤ 1 SQL/request',
      value: cold.sqlPerRequest.toFixed(4),
      pass: cold.sqlPerRequest <= 1,
    });
  }
  if (many?.sqlPerRequest != null) {
    out.push({
      target: 'key-many warm 0 SQL/request (batched cache refresh excluded)',
      value: `${many.sqlPerRequest.toFixed(4)} (refresh statements: ${many.cacheRefreshes ?? 0})`,
      pass: many.sqlPerRequest === 0,
    });
  }
  if (garbage && garbage.sqlPerRequest !== null && garbage.redisPerRequest !== null) {
    out.push({
      target: 'key-garbage 0 SQL and 0 Redis/request',
      value: `${garbage.sqlPerRequest} SQL, ${garbage.redisPerRequest} Redis`,
      pass: garbage.sqlPerRequest === 0 && garbage.redisPerRequest === 0,
    });
  }
  if (garbage && health) {
    const { value } = cpuVersus(garbage, health);
    out.push({
      // Refused by the authentication step, through routing and the guards like any request.
      target: 'key-garbage / health CPU µs/request',
      value,
      pass: null,
    });
  }
  const unknown = r('key-unknown');
  if (unknown?.sqlPerRequest != null) {
    out.push({
      target: 'key-unknown (one unknown key, repeated) 0 SQL/request',
      value: unknown.sqlPerRequest.toFixed(4),
      pass: unknown.sqlPerRequest === 0,
    });
  }
  if (unknown && health) {
    const { ratio, value } = cpuVersus(unknown, health);
    out.push({
      target: 'key-unknown costs ≤ 1.5× health (CPU µs/request)',
      value,
      pass: ratio <= 1.5,
    });
  }
  const unknownMany = r('key-unknown-many');
  if (unknownMany?.sqlPerRequest != null) {
    out.push({
      // The bench lifts the per-IP failure budget to measure this path; with it in force (the
      // default), an IP past it is refused before any lookup (test/e2e/security).
      target: 'key-unknown-many SQL/request, failure budget lifted',
      value: unknownMany.sqlPerRequest.toFixed(4),
      pass: null,
    });
  }
  if (limited && warm) {
    const { value } = cpuVersus(limited, warm);
    out.push({
      target: 'key-limited / key-warm CPU µs/request',
      value,
      pass: null,
    });
  }
  const verify = r('verify-warm');
  if (verify?.sqlPerRequest != null) {
    out.push({
      target: 'verify-warm 0 SQL/request',
      value: verify.sqlPerRequest.toFixed(4),
      pass: verify.sqlPerRequest === 0,
    });
  }
  // A verify is a keyed POST whose body is validated and holds a second key to check: the
  // calibration app's verify shows what that costs a Nest app against its own keyed GET, so
  // Keyward's verify is held to the calibration's verify, as key-warm is to its keyed GET.
  const calibrationVerify = r('nest-min-verify');
  if (verify && calibrationVerify) {
    const { ratio, range } = pairedRatio(verify, calibrationVerify, rps);
    out.push({
      target: "verify-warm ≥ 0.95× the calibration app's verify req/s",
      value: `${ratio.toFixed(3)} (${range})`,
      pass: ratio >= 0.95,
    });
  }
  if (verify && warm) {
    const { ratio, range } = pairedRatio(verify, warm, rps);
    const framework =
      calibrationVerify && calibrationKeyed
        ? `; the calibration app's verify / its keyed GET: ${pairedRatio(calibrationVerify, calibrationKeyed, rps).ratio.toFixed(3)}`
        : '';
    out.push({
      target: 'verify-warm / key-warm req/s',
      value: `${ratio.toFixed(3)} (${range})${framework}`,
      pass: null,
    });
  }
  const [create, createHooked] = [r('create'), r('create-webhooks')];
  if (create && createHooked) {
    const ratio = cpu(createHooked) / cpu(create);
    out.push({
      target: 'create-webhooks ≤ 1.2× create (CPU µs/request)',
      value: `${ratio.toFixed(2)}× (${cpu(createHooked).toFixed(0)} vs ${cpu(create).toFixed(0)} µs)`,
      pass: ratio <= 1.2,
    });
  }
  const credits = r('key-credits');
  if (credits?.sqlPerRequest != null) {
    out.push({
      target: 'key-credits SQL/request (the spend statement)',
      value: credits.sqlPerRequest.toFixed(4),
      pass: null,
    });
  }
  for (const name of ['key-credits', 'key-allowlist']) {
    const limitedKey = r(name);
    if (limitedKey && warm) {
      const { value } = cpuVersus(limitedKey, warm);
      out.push({
        target: `${name} / key-warm CPU µs/request`,
        value,
        pass: null,
      });
    }
  }
  // The RSS target is about key-many (bounded caches, no leak); the whole run's peak,
  // with the allocation-heavy jwt and create scenarios, is reported under the table.
  const peak = Math.max(...[cold, many].flatMap((s) => (s ? [s.peakRssMb] : [])));
  if (Number.isFinite(peak)) {
    out.push({
      target: options.long
        ? `peak RSS < 256 MB through a ${options.longSeconds} s key-many run`
        : 'peak RSS < 256 MB through key-many (--long: 5 minutes of it)',
      value: `${peak.toFixed(0)} MB`,
      pass: peak < 256,
    });
  }
  // Refusals are some scenarios' point; a server error is never the answer being measured.
  const failing = [...results.values()].filter((s) =>
    Object.keys(s.statusCodes ?? {}).some((code) => code.startsWith('5')),
  );
  out.push({
    target: 'no 5xx answers in any scenario',
    value: failing.length === 0 ? 'none' : failing.map((s) => s.name).join(', '),
    pass: failing.length === 0,
  });
  return out;
}

/**
 * The same two ratios for the calibration app, measured in this run: what a Nest app with
 * one guard and one Redis command reaches on this machine, next to what Keyward reaches.
 */
function calibration(results: Map<string, ScenarioResult>): string | null {
  const [bare, health, warm, minHealth, minKeyed] = [
    'bare',
    'health',
    'key-warm',
    'nest-min-health',
    'nest-min-keyed',
  ].map((name) => results.get(name));
  if (!bare || !minHealth || !minKeyed) return null;
  const of = (a: ScenarioResult, b: ScenarioResult): string =>
    pairedRatio(a, b, (s) => s.rps).ratio.toFixed(3);
  const ours =
    warm && health
      ? `; Keyward's key-warm: ${of(warm, bare)} of bare, ${of(warm, health)} of its health`
      : '';
  return (
    `Calibration (a minimal Nest app, bench/minimal-nest.ts, same run): keyed ${of(minKeyed, bare)} ` +
    `of bare, ${of(minKeyed, minHealth)} of its own health${ours}.`
  );
}

function table(results: ScenarioResult[]): string {
  const head =
    '| scenario | req/s | p50 ms | p90 ms | p99 ms | non-2xx | CPU µs/req | kernel % | peak RSS MB | SQL/req | Redis/req |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const fmt = (v: number | null, digits = 3): string => (v === null ? '–' : v.toFixed(digits));
  const rows = results.map(
    (s) =>
      `| ${s.name} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p90} | ${s.p99} | ${s.non2xx}${s.errors + s.timeouts > 0 ? ` (+${s.errors} err)` : ''} | ${s.cpuMicrosPerRequest.toFixed(0)}${s.attributedInRun ? '†' : ''} | ${(100 * s.systemShare).toFixed(0)} | ${s.peakRssMb.toFixed(0)} | ${fmt(s.sqlPerRequest)} | ${fmt(s.redisPerRequest)} |`,
  );
  const note = results.some((s) => s.attributedInRun)
    ? '\n\n† no warm-up (cold keys): statements attributed during the measured run, so CPU includes the attribution (promise hooks).'
    : '';
  return [head, rule, ...rows].join('\n') + note;
}

/**
 * verifier-hit: what a verifying service pays for an answer cached by @keyward/client's verifier,
 * against a remote verify of the same key, one call at a time from this process (the load CPU).
 * The built client is loaded (`client/dist`, as an application would install it).
 */
async function verifierHit(base: string, seedData: Seed): Promise<TargetCheck> {
  const client = createRequire(__filename)(
    join(ROOT, 'client', 'dist', 'cjs', 'index.js'),
  ) as typeof KeywardClient;
  const p50 = (samples: number[]): number => samples.sort((a, b) => a - b)[samples.length >> 1];
  const timed = async (n: number, call: () => Promise<unknown>): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const start = process.hrtime.bigint();
      await call();
      out.push(Number(process.hrtime.bigint() - start) / 1000);
    }
    return out;
  };
  const remote = await timed(2000, async () => {
    const res = await fetch(`${base}/api/v1/api-keys/verify`, {
      method: 'POST',
      headers: { 'x-api-key': seedData.verifierKey, 'content-type': 'application/json' },
      body: JSON.stringify({ key: seedData.warmKey }),
    });
    await res.arrayBuffer();
  });
  const verifier = client.createKeyVerifier({
    url: base,
    apiKey: seedData.verifierKey,
    cacheTtlMs: 60_000,
  });
  try {
    // An answer is cached once the change stream is open; give it a moment to connect.
    for (let i = 0; i < 20; i++) {
      await verifier.verify(seedData.warmKey);
      await new Promise((r) => setTimeout(r, 100));
    }
    const cached = await timed(20_000, () => verifier.verify(seedData.warmKey));
    const [c, r] = [p50(cached), p50(remote)];
    return {
      target: 'verifier-hit p50 (cached in @keyward/client) vs a remote verify p50',
      value: `${c.toFixed(1)} µs vs ${r.toFixed(0)} µs (${(r / c).toFixed(0)}× faster)`,
      pass: null,
    };
  } finally {
    verifier.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  buildIfNeeded();
  mkdirSync(RESULTS, { recursive: true });

  let databaseUrl = options.databaseUrl;
  let dropDatabase: (() => Promise<void>) | undefined;
  const admin = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!databaseUrl) {
    const probe = new Client({ connectionString: admin });
    const reachable = await probe.connect().then(
      () => true,
      (err: Error) => {
        if (!options.allowEmbedded) {
          throw new Error(
            `No PostgreSQL at ${admin} (${err.message}). The bench measures the service on a real ` +
              'PostgreSQL; pass --database-url=..., or --allow-embedded to measure on PGlite.',
          );
        }
        return false;
      },
    );
    if (reachable && !options.allowEmbedded) {
      const name = `keyward_bench_${Date.now()}_${process.pid}`;
      await probe.query(`CREATE DATABASE ${name}`);
      databaseUrl = `postgres://postgres@127.0.0.1:5432/${name}`;
      dropDatabase = async () => {
        const c = new Client({ connectionString: admin });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    }
    if (reachable) await probe.end();
  }

  const pepper = randomBytes(32).toString('base64url');
  const servicePort = await freePort();
  const metricsPort = await freePort();
  const barePort = await freePort();
  const embeddedPort = await freePort();
  const dataDir = join(tmpdir(), `keyward-bench-${process.pid}`);
  const profileDir = join(RESULTS, 'profiles');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(servicePort),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    KEY_PEPPER: pepper,
    // --redis-url=none: in-process rate limits (what a single instance without Redis does).
    ...(options.redisUrl === 'none' ? {} : { REDIS_URL: options.redisUrl }),
    BENCH_METRICS_PORT: String(metricsPort),
    // As operators run it: /metrics on, so every answer is timed for the route histogram.
    METRICS_TOKEN: randomBytes(24).toString('base64url'),
    ...(options.leaseMs === undefined ? {} : { RATE_LIMIT_LEASE_MS: options.leaseMs }),
    // Out of the way so that each scenario measures its own path, not a limit:
    MAX_KEYS_PER_USER: String(HUGE_LIMIT), // create
    SESSION_RATE_LIMIT_PER_MINUTE: String(HUGE_LIMIT), // jwt, create
    WEBHOOK_ALLOW_PRIVATE_URLS: 'true', // create-webhooks delivers to the bare server
    AUTH_FAILURE_LIMIT_PER_IP: String(HUGE_LIMIT), // key-invalid, key-garbage, key-unknown: the 401 path
    ...(databaseUrl
      ? { DATABASE_URL: databaseUrl }
      : { DATA_DIR: dataDir, EMBEDDED_DB_PORT: String(embeddedPort) }),
  };
  if (!databaseUrl) databaseUrl = `postgres://postgres@127.0.0.1:${embeddedPort}/postgres`;

  // --node-args="--perf-basic-prof" lets `perf record -e cpu-clock -p <pid>` name JS frames:
  // on-CPU samples, kernel time included (V8's profiler also samples a preempted thread).
  const nodeArgs = [
    // As shipped (npm run start:prod, the Docker image): the heap cap is part of the product.
    ...shippedNodeFlags(),
    // SQL, Redis and request counters, served on metricsPort (bench/metrics-preload.mjs).
    `--import=${pathToFileURL(join(ROOT, 'bench', 'metrics-preload.mjs')).href}`,
    ...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(options.nodeArgs ? options.nodeArgs.split(' ').filter(Boolean) : []),
  ];
  const service = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: ROOT,
    env,
    // JSON logs go nowhere, but pino still builds and writes every line as in production.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const bare = spawn(process.execPath, ['-e', BARE_SERVER], {
    env: { PORT: String(barePort) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // The calibration app (bench/minimal-nest.ts), with one key of its own.
  const nestMinPort = await freePort();
  const nestMinKey = generateApiKey();
  const nestMin = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench', 'minimal-nest.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        PORT: String(nestMinPort),
        REDIS_URL: options.redisUrl === 'none' ? 'redis://127.0.0.1:6379' : options.redisUrl,
        KEY: nestMinKey,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (options.pin) {
    pinning = { servers: '0', load: '1' };
    for (const child of [service, bare, nestMin]) pin(child.pid, pinning.servers);
  }
  const results: ScenarioResult[] = [];
  try {
    const base = `http://127.0.0.1:${servicePort}`;
    await waitForHttp(`${base}/health`, service);
    await waitForHttp(`http://127.0.0.1:${barePort}/`, bare);
    await waitForHttp(`http://127.0.0.1:${nestMinPort}/health`, nestMin);
    console.error('bench: seeding…');
    const seedData = {
      ...(await seed(base, databaseUrl, pepper, options.keys, `http://127.0.0.1:${barePort}`)),
      nestMinKey,
    };
    const targets: Record<'service' | 'bare' | 'nest-min', Target> = {
      service: {
        name: 'service',
        pid: service.pid!,
        base,
        counters: async () =>
          (await (await fetch(`http://127.0.0.1:${metricsPort}/`)).json()) as Counters,
        attribution: async (on) => {
          const url = `http://127.0.0.1:${metricsPort}/attribution/${on ? 'on' : 'off'}`;
          await (await fetch(url, { method: 'POST' })).arrayBuffer();
        },
      },
      bare: { name: 'bare', pid: bare.pid!, base: `http://127.0.0.1:${barePort}` },
      'nest-min': { name: 'nest-min', pid: nestMin.pid!, base: `http://127.0.0.1:${nestMinPort}` },
    };
    const selected = scenarios(seedData, options).filter(
      (s) =>
        !options.scenarios ||
        options.scenarios.some((name) => s.name === name || s.name.startsWith(`${name}@`)),
    );
    const report = (result: ScenarioResult): void =>
      console.error(
        `bench:   ${result.rps.toFixed(0)} req/s, p99 ${result.p99} ms, non-2xx ${result.non2xx}`,
      );
    const paired = selected.filter((s) => s.paired);
    const rounds = new Map<string, ScenarioResult[]>(paired.map((s) => [s.name, []]));
    for (let round = 1; round <= options.rounds; round++) {
      for (const scenario of paired) {
        console.error(`bench: ${scenario.name} (round ${round}/${options.rounds})…`);
        // The full warm-up once; later rounds find the code optimised and get one second, which
        // also brings back what expired while the other scenarios ran (the key cache's TTL is
        // 30 s, a round longer): steady state is what the targets are about.
        const warmup = round === 1 ? options.warmup : 1;
        const result = await measure(scenario, targets[scenario.target], options, warmup);
        rounds.get(scenario.name)!.push(result);
        report(result);
      }
    }
    results.push(...paired.map((s) => combine(rounds.get(s.name)!)));
    for (const scenario of selected.filter((s) => !s.paired)) {
      console.error(`bench: ${scenario.name}…`);
      const result = await measure(scenario, targets[scenario.target], options);
      results.push(result);
      report(result);
    }
    const finalSample = procSample(service.pid!);
    const byName = new Map(results.map((s) => [s.name, s]));
    const checks = checkTargets(byName, options);
    if (!options.scenarios || options.scenarios.includes('verifier-hit')) {
      console.error('bench: verifier-hit…');
      checks.push(await verifierHit(base, seedData));
    }
    const markdown = [
      `Keyward bench — ${new Date().toISOString()}, node ${process.version}, ` +
        `${options.connections} connections, ${options.duration} s per scenario after ${options.warmup} s warm-up, ` +
        `paired scenarios in ${options.rounds} interleaved rounds` +
        (pinning
          ? `, servers on CPU ${pinning.servers}, load on CPU ${pinning.load}`
          : ', unpinned'),
      '',
      table(results),
      '',
      '| target | measured | |',
      '|---|---|---|',
      ...checks.map(
        (c) =>
          `| ${c.target} | ${c.value} | ${c.pass === null ? 'reported' : c.pass ? 'PASS' : 'FAIL'} |`,
      ),
      '',
      ...(calibration(byName) ? [calibration(byName)!, ''] : []),
      `Service peak RSS over the whole run (VmHWM): ${(finalSample.hwmBytes / 2 ** 20).toFixed(0)} MB`,
    ].join('\n');
    console.log(markdown);
    const file = join(RESULTS, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          node: process.version,
          options: { ...options, databaseUrl: undefined },
          results,
          targets: checks,
          serviceVmHwmMb: finalSample.hwmBytes / 2 ** 20,
        },
        null,
        2,
      ),
    );
    console.error(`bench: results in ${file}`);
    if (checks.some((c) => c.pass === false)) process.exitCode = 1;
  } finally {
    await Promise.all([stopChild(service), stopChild(bare), stopChild(nestMin)]);
    await dropDatabase?.().catch((err: Error) =>
      console.error(`bench: could not drop the database: ${err.message}`),
    );
  }
}

main().catch((err: unknown) => {
  console.error(`bench: ${(err as Error).message}`);
  process.exit(1);
});
