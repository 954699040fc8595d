import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { looksLikeApiKey } from '../api-keys/api-key-format';
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
 * The process's JSON logger. Without a stream (production), lines go to stdout through an
 * asynchronous sonic-boom destination: lines written while a write is in flight go out in the
 * next one, instead of one blocking write(2) per line on the request path. `flushLogs()` before
 * exiting.
 */
export function createLogger(config: AppConfig, stream?: DestinationStream): Logger {
  return pino(
    {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    stream ?? pino.destination({ dest: 1, sync: false }),
  );
}

export function flushLogs(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}

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
    if (!this.logger.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const rest = params.filter((p) => p !== undefined);
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') {
      fields.context = rest.pop();
    }
    let text: string | undefined;
    if (message instanceof Error) fields.err = message;
    else if (typeof message === 'object' && message !== null) Object.assign(fields, message);
    else text = String(message);
    if (rest.length > 0) {
      // error(message, stack): Nest passes the stack of an error it caught.
      const extra = rest.map(String).join(' ');
      if (level === 'error' || level === 'fatal') fields.stack = extra;
      else text = text === undefined ? extra : `${text} ${extra}`;
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
 * attacker can drive), while the first ones of each second and the totals stay visible.
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
    const suppressed = this.suppressed;
    this.suppressed = 0;
    return suppressed;
  }
}

const REFUSALS = new Set([401, 403, 429]);

/**
 * One access line per answer, from a Fastify onResponse hook: no per-request child logger, no
 * AsyncLocalStorage, nothing allocated for an answer that is not logged (bench/README.md).
 * Only the path is logged, never the query string: a key or token pasted into a URL must not end
 * up in the logs; headers are not logged at all.
 *
 * - 5xx: error; other 4xx: warn; refusals (401/403/429): warn, sampled (`refusalLinesPerSecond`).
 * - 2xx/3xx: info, except a keyed request's (the service's bulk traffic; a key's use is recorded
 *   in `last_used_at`) and liveness probes.
 */
export function installAccessLog(
  fastify: FastifyInstance,
  logger: Logger,
  refusalLinesPerSecond: number,
): void {
  const refusals = new LogSampler(refusalLinesPerSecond);
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    const status = reply.statusCode;
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
    const query = request.url.indexOf('?');
    logger[level](
      {
        reqId: request.id,
        req: {
          method: request.method,
          path: query === -1 ? request.url : request.url.slice(0, query),
          userAgent: request.headers['user-agent'],
        },
        res: { statusCode: status },
        responseTime: Math.round(reply.elapsedTime * 10) / 10,
        ...(suppressed > 0 ? { suppressedRefusals: suppressed } : {}),
      },
      'request completed',
    );
    done();
  });
}
