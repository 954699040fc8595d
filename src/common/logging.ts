import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
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
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // Liveness probes every few seconds would drown everything else.
      autoLogging: { ignore: (req) => req.url === '/health' },
    },
  };
}
