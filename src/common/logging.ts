import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { IncomingMessage } from 'node:http';
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
 * A successful keyed request is not logged: those are the service's bulk traffic (every call
 * another service makes), the key's use is recorded in `last_used_at`, and a line per call was
 * the largest single cost of the keyed path after the database read (bench/README.md). Refused
 * keys (401/403/429) and server errors are still logged.
 */
function presentsApiKey(req: IncomingMessage): boolean {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header.length > 0) return true;
  const authorization = req.headers.authorization;
  return typeof authorization === 'string' && looksLikeApiKey(authorization.slice(7).trim());
}

/**
 * Structured JSON logs with the request id Fastify assigned (see app.factory.ts). Only the path is logged, never the query string: a
 * key or token pasted into a URL must not end up in the logs.
 */
export function loggerParams(config: AppConfig, stream?: DestinationStream): Params {
  return {
    // Nest 11's router wants named wildcards; nestjs-pino 4 defaults to the legacy '*'.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      stream,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: {
        req: (req: {
          id: string;
          method: string;
          url: string;
          headers: Record<string, unknown>;
        }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
          userAgent: req.headers['user-agent'],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (req, res, err) =>
        err || res.statusCode >= 500
          ? 'error'
          : res.statusCode >= 400
            ? 'warn'
            : presentsApiKey(req)
              ? 'silent'
              : 'info',
      // Liveness probes every few seconds would drown everything else.
      autoLogging: { ignore: (req) => req.url === '/health' },
    },
  };
}
