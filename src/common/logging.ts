import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { KEY_LENGTH, looksLikeApiKey, visiblePrefix } from '../api-keys/api-key-format';
import type { AppConfig } from '../config/app-config';

/** Paths that may carry secrets are censored wherever they appear in a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.refresh_token',
  '*.access_token',
  '*.key',
];

/**
 * Readable lines instead of JSON: asked for (LOG_FORMAT=pretty), or left to us (`auto`) and a
 * person is watching (stdout is a terminal, outside production). Log shippers and tests get JSON.
 */
export function wantsPrettyLogs(config: AppConfig, stdoutIsTty: boolean): boolean {
  if (config.logFormat !== 'auto') return config.logFormat === 'pretty';
  return stdoutIsTty && config.env !== 'production';
}

/**
 * The process's logger. Without a stream, lines go to stdout through an asynchronous sonic-boom
 * destination: lines written while a write is in flight go out in the next one, instead of one
 * blocking write(2) per line on the request path. `flushLogs()` before exiting. A given stream
 * (tests) always gets JSON.
 */
export function createLogger(config: AppConfig, stream?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    stream ??
      (wantsPrettyLogs(config, process.stdout.isTTY === true)
        ? prettyDestination()
        : pino.destination({ dest: 1, sync: false })),
  );
}

/** pino-pretty in this thread (no worker: a development terminal does not need one). */
function prettyDestination(): DestinationStream {
  // Loaded only when wanted: production never pays for it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { build } = require('pino-pretty') as typeof import('pino-pretty');
  return build({
    destination: 1,
    sync: false,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context',
    messageFormat: '{if context}[{context}] {end}{msg}',
  });
}

/**
 * Asks the destination to write what it holds. pino also writes synchronously whatever is
 * still buffered when the process exits, so `process.exit` after this loses nothing.
 */
export function flushLogs(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}

/** Nest's own start-up chatter (a line per module and route): debug, not info. */
const FRAMEWORK_BOOT_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestApplication',
]);

/**
 * Nest's LoggerService on pino. Nest's `Logger` appends its context as the last argument, and
 * `error(message, stack, context)` puts a stack (or undefined) before it; a leading object is
 * merged into the line (`logger.warn({ reqId }, 'text')`).
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const fields: Record<string, unknown> = {};
    const rest = params.filter((p) => p !== undefined);
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') {
      fields.context = rest.pop();
    }
    if (level === 'info' && FRAMEWORK_BOOT_CONTEXTS.has(fields.context as string)) level = 'debug';
    if (!this.logger.isLevelEnabled(level)) return;
    const extra = rest.length > 0 ? rest.map(String).join(' ') : undefined;
    let text: string | undefined;
    if (message instanceof Error) {
      fields.err = message;
      text = extra;
    } else if (typeof message === 'object' && message !== null) {
      // logger.warn({ reqId }, 'text'): pino's own (fields, message) form.
      Object.assign(fields, message);
      text = extra;
    } else {
      text = String(message);
      // error(message, stack): the stack of an error Nest caught; anything else is more text.
      if (extra !== undefined && /\n\s+at /.test(extra)) fields.stack = extra;
      else if (extra !== undefined) text = `${text} ${extra}`;
    }
    this.logger[level](fields, text);
  }
}

/** A request that presented an API key (header or bearer), without validating it. */
function presentsApiKey(request: FastifyRequest): boolean {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return true;
  const authorization = request.headers.authorization;
  return typeof authorization === 'string' && looksLikeApiKey(authorization.slice(7).trim());
}

/**
 * At most `perSecond` lines a second; the rest are counted and the count rides on the next line
 * that is written (`suppressed`). For refusals: a flood of bad keys or over-limit calls must not
 * turn into a flood of log lines (disk, log shipping, and a per-request cost on the very path an
 * attacker can drive), while the first ones of each second and the totals stay visible (the
 * access log also writes a count that no later line carried, once a second).
 */
export class LogSampler {
  private windowStart = 0;
  private written = 0;
  private suppressed = 0;

  constructor(private readonly perSecond: number) {}

  /** The number of lines suppressed since the last written one, or null: do not write this one. */
  admit(now: number): number | null {
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.written = 0;
    }
    if (this.written >= this.perSecond) {
      this.suppressed++;
      return null;
    }
    this.written++;
    return this.takeSuppressed();
  }

  /** The count not yet reported, reset. */
  takeSuppressed(): number {
    const suppressed = this.suppressed;
    this.suppressed = 0;
    return suppressed;
  }
}

const REFUSALS = new Set([401, 403, 429]);

/** `kw_` and the run of key characters after it, any of them possibly percent-encoded. */
const KEY_IN_PATH = /(?:k|%6b)(?:w|%77)(?:_|%5f)(?:[0-9a-z]|%[0-9a-f]{2})*/gi;
const PLAIN_KEY = /^kw_[0-9A-Za-z]+$/;

/**
 * A path with every key-shaped token censored. A whole key keeps its visible prefix (the
 * `key_prefix` listings show), so the leaked key can be found and revoked.
 */
export function redactKeysInPath(path: string): string {
  return path.replace(KEY_IN_PATH, (token) => {
    let decoded = token;
    try {
      decoded = decodeURIComponent(token);
    } catch {
      // Not valid percent-encoding: censored all the same.
    }
    const whole = decoded.length >= KEY_LENGTH && PLAIN_KEY.test(decoded);
    return `${whole ? visiblePrefix(decoded) : 'kw_'}[redacted]`;
  });
}

/**
 * Method, path without the query string and with keys censored (a key or token pasted into a
 * URL must not reach the logs), agent.
 */
function requestLine(request: FastifyRequest): Record<string, unknown> {
  const query = request.url.indexOf('?');
  return {
    method: request.method,
    path: redactKeysInPath(query === -1 ? request.url : request.url.slice(0, query)),
    userAgent: request.headers['user-agent'],
  };
}

/**
 * Told of every answer from the access log's hook: the matched route's template (undefined when
 * none matched), the status, and the time since the request arrived in milliseconds.
 */
export type AnswerObserver = (route: string | undefined, status: number, ms: number) => void;

/**
 * One access line per answer, from a Fastify onResponse hook: no per-request child logger, no
 * AsyncLocalStorage, nothing allocated for an answer that is not logged (bench/README.md).
 * Only the path is logged, keys in it censored, never the query string: a key or token pasted
 * into a URL must not end up in the logs; headers are not logged at all.
 *
 * - 5xx: error; other 4xx: warn; refusals (401/403/429): warn, sampled (`refusalLinesPerSecond`).
 * - 2xx/3xx: info, except a keyed request's (the service's bulk traffic; a key's use is recorded
 *   in `last_used_at`) and liveness probes.
 */
export function installAccessLog(
  fastify: FastifyInstance,
  logger: Logger,
  refusalLinesPerSecond: number,
  observe?: AnswerObserver,
): void {
  const refusals = new LogSampler(refusalLinesPerSecond);
  const aborts = new LogSampler(refusalLinesPerSecond);
  // A flood that stops leaves its count behind: it is written within a second, not only on the
  // next refusal that happens to be logged.
  const reportSuppressed = (): void => {
    const refused = refusals.takeSuppressed();
    const aborted = aborts.takeSuppressed();
    if (refused + aborted > 0 && logger.isLevelEnabled('warn')) {
      logger.warn(
        { suppressedRefusals: refused, suppressedAborts: aborted },
        'answers not logged (sampled)',
      );
    }
  };
  const timer = setInterval(reportSuppressed, 1000);
  timer.unref();
  fastify.addHook('onClose', (_instance, done) => {
    clearInterval(timer);
    reportSuppressed();
    done();
  });
  // A client that gave up before the answer (a stalled dependency, a timeout of its own) gets no
  // onResponse: logged here, sampled like refusals.
  fastify.addHook('onRequestAbort', (request, done) => {
    if (logger.isLevelEnabled('warn') && aborts.admit(Date.now()) !== null) {
      logger.warn(
        { reqId: request.id, req: requestLine(request) },
        'request aborted by the client',
      );
    }
    done();
  });
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    const status = reply.statusCode;
    // Read once: each read of elapsedTime takes the time anew.
    const elapsed = observe === undefined ? -1 : reply.elapsedTime;
    if (observe !== undefined) observe(request.routeOptions.url, status, elapsed);
    let level: Level | null;
    if (status >= 500) level = 'error';
    else if (status >= 400) level = 'warn';
    else level = request.url === '/health' || presentsApiKey(request) ? null : 'info';
    if (level === null || !logger.isLevelEnabled(level)) return done();
    let suppressed: number | null = 0;
    if (REFUSALS.has(status)) {
      suppressed = refusals.admit(Date.now());
      if (suppressed === null) return done();
    }
    logger[level](
      {
        reqId: request.id,
        req: requestLine(request),
        res: { statusCode: status },
        responseTime: Math.round((elapsed < 0 ? reply.elapsedTime : elapsed) * 10) / 10,
        ...(suppressed > 0 ? { suppressedRefusals: suppressed } : {}),
      },
      'request completed',
    );
    done();
  });
}
