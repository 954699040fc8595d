import { Client } from 'pg';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';

/** Statements and Redis commands this process has sent since start. */
export interface BenchCounters {
  /** Requests received (this route's own excluded): the denominator of every per-request figure. */
  requests: number;
  sql: number;
  /** Of `sql`, the batched `last_used_at` writes (excluded from the per-request targets). */
  sqlLastUsedFlush: number;
  /** Of `sql`, the key cache's batched refresh-ahead reads (excluded likewise). */
  sqlCacheRefresh: number;
  redis: number;
  /** `redis` by command name (EVALSHA, PUBLISH, ...): what a non-request command was. */
  redisByCommand: Record<string, number>;
}

export const BENCH_METRICS_PATH = '/__bench/metrics';
const LAST_USED_FLUSH = /^\s*UPDATE api_keys AS k SET last_used_at/;
const CACHE_REFRESH = /^\s*\/\* keyward:key-cache-refresh \*\//;

/**
 * BENCH_METRICS=1 only (npm run bench): counts every statement any pg client of this process
 * sends (TypeORM's pool, the LISTEN connection) and every command the shared Redis connection
 * sends (a Lua script call is one command and one round trip), counts requests as they arrive (so
 * that the requests autocannon abandons in flight at the end of a run, whose answers are never
 * finished, are still in the denominator), and
 * serves the totals at BENCH_METRICS_PATH as a bare Fastify route, outside Nest's guards and
 * logging. Off, nothing here is installed.
 */
const counters: BenchCounters = {
  requests: 0,
  sql: 0,
  sqlLastUsedFlush: 0,
  sqlCacheRefresh: 0,
  redis: 0,
  redisByCommand: {},
};
let counting = false;

/**
 * Before anything connects: pg clients may bind `query` when they are constructed
 * (TimeoutSafeClient does), so the prototype must already be counting by then.
 */
export function countSqlStatements(): void {
  if (counting) return;
  counting = true;
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function countedQuery(this: Client, ...args: unknown[]): unknown {
    counters.sql++;
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: unknown })?.text;
    if (typeof text === 'string' && LAST_USED_FLUSH.test(text)) counters.sqlLastUsedFlush++;
    if (typeof text === 'string' && CACHE_REFRESH.test(text)) counters.sqlCacheRefresh++;
    return query.apply(this, args);
  };
}

export function installBenchMetrics(fastify: FastifyInstance, redis: Redis | null): void {
  if (redis) {
    const send = redis.sendCommand.bind(redis);
    redis.sendCommand = (...args: Parameters<Redis['sendCommand']>) => {
      counters.redis++;
      const name = args[0].name.toUpperCase();
      counters.redisByCommand[name] = (counters.redisByCommand[name] ?? 0) + 1;
      return send(...args);
    };
  }

  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.url !== BENCH_METRICS_PATH) counters.requests++;
    done();
  });

  fastify.get(BENCH_METRICS_PATH, (_request, reply) => {
    void reply.send(counters);
  });
}
