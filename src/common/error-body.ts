import { HttpException } from '@nestjs/common';
import { ErrorCode } from './error-codes';
import { AppError, ErrorDetail } from './errors';

export interface ErrorBody {
  error: string;
  code: ErrorCode;
  details?: ErrorDetail[];
}

export interface ErrorAnswer {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** True when the failure is ours (5xx that is not a known dependency outage): log it. */
  unexpected: boolean;
}

const CODE_BY_STATUS: Record<number, [ErrorCode, string]> = {
  400: [ErrorCode.BadRequest, 'Bad request'],
  401: [ErrorCode.MissingCredentials, 'Authentication required'],
  403: [ErrorCode.Forbidden, 'Forbidden'],
  404: [ErrorCode.NotFound, 'Not found'],
  405: [ErrorCode.MethodNotAllowed, 'Method not allowed'],
  409: [ErrorCode.Conflict, 'Conflict'],
  413: [ErrorCode.PayloadTooLarge, 'Request body is too large'],
  415: [
    ErrorCode.UnsupportedMediaType,
    'Request body must be JSON (Content-Type: application/json)',
  ],
  429: [ErrorCode.RateLimited, 'Too many requests; retry later'],
  503: [ErrorCode.Unavailable, 'A dependency is unavailable; retry shortly'],
};

/** Fastify's own errors (raised before a Nest handler runs) by their `code`. */
const FASTIFY_ERRORS: Record<string, [number, ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, ErrorCode.InvalidJson, 'Request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    400,
    ErrorCode.InvalidJson,
    'Request body is empty but declared JSON',
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, ErrorCode.PayloadTooLarge, 'Request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, ErrorCode.UnsupportedMediaType, CODE_BY_STATUS[415][1]],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, ErrorCode.BadRequest, 'Invalid Content-Length'],
  // Raised by the router (see frameworkErrors in app.factory.ts). Every path parameter of this
  // API is an id, and no UUID is over 100 characters or needs a malformed escape.
  FST_ERR_MAX_PARAM_LENGTH: [400, ErrorCode.InvalidId, 'The id in the path is not a valid UUID'],
  FST_ERR_BAD_URL: [400, ErrorCode.InvalidId, 'The id in the path is not a valid UUID'],
};

/** Errors from pg / the pool that mean "the database is not reachable right now". */
const DB_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '57014', // query_canceled (statement_timeout)
  '53300', // too_many_connections
  '08000',
  '08003',
  '08006',
]);

/**
 * SQLSTATEs for input PostgreSQL cannot store (U+0000 in text, `\u0000` in jsonb): the caller's
 * fault, so a 400 rather than a 500 that anyone could trigger (and fill the error log with) at will.
 */
const UNSTORABLE_INPUT = new Set(['22021', '22P05']);

function isUnstorableInput(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNSTORABLE_INPUT.has(code);
}

/**
 * Duck-typed rather than `instanceof Error`: socket errors (ECONNREFUSED) are built by Node's own
 * realm, which is not the app's under jest's VM sandbox, so an outage would look like a bug (500).
 */
function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && DB_UNAVAILABLE.has(code)) return true;
  const driverError = (err as { driverError?: unknown }).driverError;
  if (driverError && driverError !== err) return isDatabaseUnavailable(driverError);
  const message = (err as { message?: unknown }).message;
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|connection timeout|Client has encountered a connection error|Client was closed and is not queryable|Query read timeout/i.test(
      message,
    )
  );
}

function answer(
  status: number,
  code: ErrorCode,
  error: string,
  details?: ErrorDetail[],
  headers: Record<string, string> = {},
  unexpected = false,
): ErrorAnswer {
  const body: ErrorBody = { error, code };
  if (details && details.length > 0) body.details = details;
  return { status, body, headers, unexpected };
}

/** Turns anything thrown anywhere into the contract's error shape. Never leaks internals. */
export function toErrorAnswer(err: unknown): ErrorAnswer {
  if (err instanceof AppError) {
    return answer(err.status, err.code, err.message, err.details, err.headers ?? {});
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const [code, message] = CODE_BY_STATUS[status] ?? [
      status >= 500 ? ErrorCode.InternalError : ErrorCode.BadRequest,
      status >= 500 ? 'Internal server error' : 'Bad request',
    ];
    if (status === 404) return answer(404, ErrorCode.NotFound, 'Route not found');
    return answer(status, code, message, undefined, {}, status >= 500 && status !== 503);
  }
  if (err && typeof err === 'object') {
    const fastifyCode = (err as { code?: unknown }).code;
    if (typeof fastifyCode === 'string' && FASTIFY_ERRORS[fastifyCode]) {
      const [status, code, message] = FASTIFY_ERRORS[fastifyCode];
      return answer(status, code, message);
    }
    // Fastify's JSON parser throws a SyntaxError carrying statusCode 400.
    const statusCode = (err as { statusCode?: unknown }).statusCode;
    if (err instanceof SyntaxError && statusCode === 400) {
      return answer(400, ErrorCode.InvalidJson, 'Request body is not valid JSON');
    }
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      const [code, message] = CODE_BY_STATUS[statusCode] ?? [ErrorCode.BadRequest, 'Bad request'];
      return answer(statusCode, code, message);
    }
  }
  if (isUnstorableInput(err)) {
    return answer(
      400,
      ErrorCode.ValidationFailed,
      'Request contains a character that cannot be stored',
    );
  }
  if (isDatabaseUnavailable(err)) {
    return answer(503, ErrorCode.Unavailable, CODE_BY_STATUS[503][1], undefined, {
      'Retry-After': '1',
    });
  }
  return answer(500, ErrorCode.InternalError, 'Internal server error', undefined, {}, true);
}
