// Loaded into the service by `npm run bench` (`node --import ./bench/metrics-preload.mjs ...`):
// counts the requests the process receives, the SQL statements its pg clients send and the Redis
// commands its ioredis connections send, and serves the totals as JSON on
// 127.0.0.1:$BENCH_METRICS_PORT. The service itself knows nothing of it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { subscribe } from 'node:diagnostics_channel';
import { createServer } from 'node:http';

// The service's own CommonJS instances of pg and ioredis (one module cache per process).
const require = createRequire(`${process.cwd()}/package.json`);
const { Client } = require('pg');
const { Redis } = require('ioredis');

const LAST_USED_FLUSH = /^\s*UPDATE api_keys AS k SET last_used_at/;
const CACHE_REFRESH = /^\s*\/\* keyward:key-cache-refresh \*\//;

/** Same shape as bench/run.ts's `Counters`. */
const counters = {
  requests: 0,
  sql: 0,
  sqlLastUsedFlush: 0,
  sqlCacheRefresh: 0,
  /** Statements sent outside any request: timers and workers (flushes, refreshes, polls). */
  sqlBackground: 0,
  redis: 0,
  redisByCommand: {},
};

// Counted as they arrive, so requests the load driver abandons in flight at the end of a run are
// still in the denominator. The metrics server's own requests are not the service's.
let metricsServer;
// Marks the request's own async context (the handler runs synchronously after this channel
// fires, and everything it awaits inherits the mark), so a statement sent by a timer or a
// background worker is told apart from one a request waits on. Only while the bench asks for it
// (POST /attribution/on|off): on Node 20 an active AsyncLocalStorage turns on promise hooks for
// every promise in the process, which cost a warm keyed request about a fifth of its CPU.
const inRequest = new AsyncLocalStorage();
let attributing = false;
subscribe('http.server.request.start', ({ server }) => {
  if (server === metricsServer) return;
  counters.requests++;
  if (attributing) inRequest.enterWith(true);
});

function setAttribution(on) {
  attributing = on;
  // The last storage disabled switches the hooks off again.
  if (!on) inRequest.disable();
}

// On the prototype, before anything connects: clients may bind `query` when they are made.
const query = Client.prototype.query;
Client.prototype.query = function countedQuery(...args) {
  counters.sql++;
  const first = args[0];
  const text = typeof first === 'string' ? first : first?.text;
  const flush = typeof text === 'string' && LAST_USED_FLUSH.test(text);
  const refresh = typeof text === 'string' && CACHE_REFRESH.test(text);
  if (flush) counters.sqlLastUsedFlush++;
  if (refresh) counters.sqlCacheRefresh++;
  // A timer first armed inside a request inherits its mark: the two known batch statements
  // are background whatever context they were sent from.
  if (attributing && (flush || refresh || inRequest.getStore() !== true)) counters.sqlBackground++;
  return query.apply(this, args);
};

// Every connection: a Lua script call is one command and one round trip.
const sendCommand = Redis.prototype.sendCommand;
Redis.prototype.sendCommand = function countedCommand(command, ...rest) {
  counters.redis++;
  const name = String(command?.name ?? '?').toUpperCase();
  counters.redisByCommand[name] = (counters.redisByCommand[name] ?? 0) + 1;
  return sendCommand.call(this, command, ...rest);
};

const port = Number(process.env.BENCH_METRICS_PORT);
if (Number.isInteger(port) && port > 0) {
  metricsServer = createServer((request, response) => {
    if (request.method === 'POST' && request.url === '/attribution/on') setAttribution(true);
    if (request.method === 'POST' && request.url === '/attribution/off') setAttribution(false);
    response.setHeader('Content-Type', 'application/json');
    response.end(JSON.stringify(counters));
  });
  metricsServer.listen(port, '127.0.0.1');
  metricsServer.unref();
}
