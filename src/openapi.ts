import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  SwaggerModule,
  type HeadersObject,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type ReferenceObject,
  type ResponseObject,
  type ResponsesObject,
} from '@nestjs/swagger';
import { scopeListProblem } from './api-keys/dto/validators';
import { ErrorDetailDto, ErrorResponseDto } from './common/error-response.dto';
import { ErrorCode } from './common/error-codes';
import {
  type AppError,
  EmailTakenError,
  ExpiredKeyUnrotatableError,
  type ErrorDetail,
  InsufficientScopeError,
  InvalidCredentialsError,
  InvalidIdError,
  InvalidRefreshTokenError,
  KeyLimitReachedError,
  LastAdminError,
  MissingCredentialsError,
  NotFoundError,
  RateLimitedError,
  RevokedKeyUnchangeableError,
  UnavailableError,
  UserSessionRequiredError,
  ValidationFailedError,
} from './common/errors';

const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorResponse' };

const DESCRIPTION = `API keys for service-to-service authentication. People sign up and sign in with email
and password (a session); with the session they create API keys; services then call with a key.
Every error answers \`{ error, code, details? }\`.

### Try it here in three steps

1. **Get a session.** \`POST /api/v1/auth/signup\` (or \`/auth/signin\`): *Try it out*, fill in the
   body, *Execute*, and copy \`access_token\` from the response.
2. **Create a key.** *Authorize* → \`bearer\`: paste the access token **alone** (Swagger UI adds
   \`Bearer \` itself). Then \`POST /api/v1/api-keys\` with, say,
   \`{ "name": "try-out", "scopes": ["read:users"] }\`, and copy \`key\`: it is shown only once.
3. **Call with the key.** *Authorize* → *Logout* of \`bearer\`, paste the key into \`api_key\`
   (the \`X-API-Key\` header), then \`GET /api/v1/auth/user\`: 200 with your user.

What you authorize is kept in this browser across reloads (its local storage) until you log out
of it in *Authorize*.

### Credentials

A session token goes in \`Authorization: Bearer <access_token>\`; a key in \`X-API-Key: <key>\`
(or \`Authorization: Bearer <key>\`, told apart by its \`kw_\` prefix). Send one. **If both headers
are sent, \`X-API-Key\` wins** and \`Authorization\` is not read at all, so with both schemes
authorized here the key is what is used. Key management, sign-out and refresh need a session and
answer a key with 403 \`user_session_required\`.

### Rate limits

Authenticated answers carry \`X-RateLimit-Limit\` (requests per minute), \`X-RateLimit-Remaining\`
and \`X-RateLimit-Reset\` (**seconds** until the budget is whole again); a 429 also carries
\`Retry-After\` (**seconds**).

### Allowlists and credits

A key with \`allowed_ips\` answers 403 \`ip_not_allowed\` to a request from any other address,
before its rate limit is spent. A key with \`credits\` spends one on each request that passes
authentication, the allowlist, the rate limit and scopes; its answers carry
\`X-Credits-Remaining\`, and at zero it answers 403 \`credits_exhausted\` until its refill (00:00 UTC
daily, or the 1st of the month) or a new balance set by \`PATCH\`.

### This document

The OpenAPI document behind this page is served at [\`/docs-json\`](/docs-json); \`/\` redirects
here.`;

/** The rate-limit headers, documented once under components.headers. */
const HEADERS = {
  'X-RateLimit-Limit': {
    description:
      "Requests per minute the caller may make: the key's `rate_limit_per_minute`, or the " +
      'per-user session limit',
    schema: { type: 'integer', example: 100 },
  },
  'X-RateLimit-Remaining': {
    description: 'Requests left in the current budget',
    schema: { type: 'integer', example: 99 },
  },
  'X-RateLimit-Reset': {
    description: 'Seconds until the budget is whole again',
    schema: { type: 'integer', example: 1 },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying',
    schema: { type: 'integer', example: 1 },
  },
  'X-Credits-Remaining': {
    description: 'Credits the key has left after this request; only for a key with `credits`',
    schema: { type: 'integer', example: 741 },
  },
} as const;

const headerRefs = (...names: (keyof typeof HEADERS)[]): HeadersObject =>
  Object.fromEntries(names.map((name) => [name, { $ref: `#/components/headers/${name}` }]));
const BUDGET_HEADERS = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'] as const;

/** The error body a client sees for `error`, exactly as the filter writes it. */
function bodyOf(error: AppError): Record<string, unknown> {
  return {
    error: error.message,
    code: error.code,
    ...(error.details ? { details: error.details } : {}),
  };
}

/** `scopes[1]: unknown scope ...` as the validation pipe splits it into a detail. */
function scopeDetail(): ErrorDetail {
  const text = scopeListProblem(['read:users', 'read:everything'], 'scopes') ?? '';
  const [, field, problem] = /^(\S+): (.*)$/s.exec(text) ?? [];
  return { field, problem };
}

/**
 * A realistic validation failure for each operation that takes a body or a query, with the
 * message the validators give (test/e2e/docs/openapi-examples.e2e-spec.ts sends each and compares).
 */
const INVALID_INPUT: Record<string, () => ErrorDetail> = {
  signUp: () => ({ field: 'email', problem: 'must be a valid email address' }),
  signIn: () => ({ field: 'password', problem: 'password must be a string' }),
  login: () => ({ field: 'password', problem: 'password must be a string' }),
  refresh: () => ({ field: 'refresh_token', problem: 'refresh_token must be a string' }),
  createApiKey: scopeDetail,
  listApiKeys: () => ({ field: 'user_id', problem: 'user_id must be a UUID' }),
  updateApiKey: () => ({
    field: 'rate_limit_per_minute',
    problem: 'rate_limit_per_minute must not be less than 1',
  }),
  // The /client-keys aliases validate exactly as the operations they alias.
  createClientKey: scopeDetail,
  listClientKeys: () => ({ field: 'user_id', problem: 'user_id must be a UUID' }),
  updateClientKey: () => ({
    field: 'rate_limit_per_minute',
    problem: 'rate_limit_per_minute must not be less than 1',
  }),
  rotateApiKey: () => ({
    field: 'grace_period_seconds',
    problem: 'grace_period_seconds must not be less than 0',
  }),
  verifyApiKey: () => ({ field: 'key', problem: 'key must be a string' }),
  listUsers: () => ({ field: 'limit', problem: 'limit must not be less than 1' }),
  listAuditEvents: () => ({ field: 'limit', problem: 'limit must not be less than 1' }),
  updateUser: () => ({
    field: 'role',
    problem: 'role must be one of the following values: user, admin',
  }),
  getApiKeyUsage: () => ({
    field: 'granularity',
    problem: 'granularity must be one of the following values: minute, hour, day',
  }),
  getUsageSummary: () => ({
    field: 'since',
    problem: 'since must be a valid ISO 8601 date string',
  }),
  createWebhook: () => ({ field: 'all', problem: 'all must be a boolean value' }),
  updateWebhook: () => ({ field: 'enabled', problem: 'enabled must be a boolean value' }),
  listWebhookDeliveries: () => ({ field: 'limit', problem: 'limit must not be less than 1' }),
};

/** Errors that decorators name by code (in backticks) in a response's description. */
function namedError(status: string, code: string): AppError | undefined {
  const named: Record<string, () => AppError> = {
    '401 invalid_credentials': () => new InvalidCredentialsError(),
    '401 invalid_token': () => new InvalidRefreshTokenError(),
    '403 user_session_required': () => new UserSessionRequiredError(),
    '409 email_taken': () => new EmailTakenError(),
    '409 key_limit_reached': () => new KeyLimitReachedError(100),
    '409 api_key_revoked': () => new RevokedKeyUnchangeableError(),
    '409 api_key_expired': () => new ExpiredKeyUnrotatableError(),
    '409 last_admin': () => new LastAdminError(),
  };
  return named[`${status} ${code}`]?.();
}

interface Shape {
  operationId: string;
  method: string;
  path: string;
  hasBody: boolean;
  hasQuery: boolean;
  hasId: boolean;
  /** Empty for a public operation. */
  security: Record<string, string[]>[];
}

/**
 * The 400 an operation can really answer, or null when it takes no input at all (a GET without
 * parameters ignores any body): bodies and queries fail validation, path ids fail as UUIDs, and
 * a POST without a documented body takes none (EmptyBodyPipe) and refuses one.
 */
function badRequest(op: Shape): { description: string; error: AppError } | null {
  const detail = INVALID_INPUT[op.operationId]?.() ?? { field: 'colour', problem: 'unknown field' };
  const idProblem = 'the id in the path is not a UUID (`invalid_id`)';
  if (op.hasBody) {
    return {
      description:
        'The body is not JSON (`invalid_json`) or fails validation (`validation_failed`, with ' +
        `\`details\`)${op.hasId ? `; or ${idProblem}` : ''}`,
      error: new ValidationFailedError([detail]),
    };
  }
  if (op.hasQuery) {
    return {
      description: 'A query parameter fails validation (`validation_failed`, with `details`)',
      error: new ValidationFailedError([detail]),
    };
  }
  const bodiless = op.method === 'post';
  const noBody = 'a body other than none or `{}` (`validation_failed`)';
  if (op.hasId) {
    return {
      description: `The id in the path is not a UUID (\`invalid_id\`)${bodiless ? `; or ${noBody}` : ''}`,
      error: new InvalidIdError(),
    };
  }
  if (bodiless) {
    return {
      description: `This endpoint takes no body: ${noBody}`,
      error: new ValidationFailedError([detail]),
    };
  }
  return null;
}

/** The example of one error answer, fitted to the operation. */
function errorFor(status: string, description: string, op: Shape): AppError | undefined {
  const code = /`([a-z]+(?:_[a-z]+)*)`/.exec(description)?.[1] ?? '';
  const secured = op.security.length > 0;
  const keyScopes = op.security.find((s) => 'api_key' in s)?.api_key;
  switch (status) {
    case '401':
      return secured ? new MissingCredentialsError() : namedError(status, code);
    case '403':
      if (!secured) return namedError(status, code);
      return keyScopes ? new InsufficientScopeError(keyScopes) : new UserSessionRequiredError();
    case '404':
      // /metrics without its token answers as a path that does not exist.
      if (op.path === '/metrics') return new NotFoundError('Route');
      return new NotFoundError(
        op.path.includes('/users/')
          ? 'User'
          : op.path.includes('/webhooks/')
            ? 'Webhook'
            : 'API key',
      );
    case '429':
      return new RateLimitedError(1);
    case '503':
      return new UnavailableError();
    default:
      return namedError(status, code);
  }
}

/** For responses whose decorator gives no description. */
const DESCRIPTION_BY_STATUS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '404': 'No such resource, or it belongs to someone else (`not_found`)',
  '409': 'Conflict with the current state',
  '503': 'A dependency is unavailable (`unavailable`)',
};

const SECURED_401 =
  'Missing or invalid credentials: `missing_credentials`; for a session `invalid_token` or ' +
  '`token_expired`; for a key `invalid_api_key`, `api_key_revoked`, `api_key_expired` or ' +
  '`api_key_rotated`';

const DEFAULT_ERROR: ResponseObject = {
  description:
    'Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, ' +
    '429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable`',
  content: {
    'application/json': {
      schema: ERROR_SCHEMA,
      example: { error: 'Internal server error', code: ErrorCode.InternalError },
    },
  },
};

const errorResponse = (description: string, error: AppError): ResponseObject => ({
  description,
  content: { 'application/json': { schema: ERROR_SCHEMA, example: bodyOf(error) } },
});

function isErrorResponse(response: ResponseObject | ReferenceObject): response is ResponseObject {
  const schema = 'content' in response ? response.content?.['application/json']?.schema : undefined;
  return !!schema && '$ref' in schema && schema.$ref === ERROR_SCHEMA.$ref;
}

/**
 * Fills in what the decorators leave out, so the document (and the client generated from it)
 * describes every answer as the operation gives it: a 400 only where there is input to refuse,
 * error examples that fit the operation and are the sentences the code throws, the rate-limit
 * headers, and a `default` error response, because any route can answer 413, 415, 500 or 503.
 */
function completeOperation(operation: OperationObject, path: string, method: string): void {
  const parameters = (operation.parameters ?? []) as ParameterObject[];
  // An operation without a security requirement is @Public (every other route is behind the
  // global guard and says what it needs with @Auth; the authorization matrix checks both).
  operation.security ??= [];
  const op: Shape = {
    operationId: operation.operationId ?? `${method} ${path}`,
    method,
    path,
    hasBody: operation.requestBody !== undefined,
    hasQuery: parameters.some((p) => p.in === 'query'),
    hasId: parameters.some((p) => p.in === 'path'),
    security: operation.security,
  };
  const responses: ResponsesObject = operation.responses;
  const invalid = badRequest(op);
  if (invalid) responses['400'] = errorResponse(invalid.description, invalid.error);
  else delete responses['400'];
  const secured = op.security.length > 0;
  const keyed = op.security.some((s) => 'api_key' in s);
  if (secured) {
    responses['401'] = errorResponse(SECURED_401, new MissingCredentialsError());
    responses['429'] = {
      ...errorResponse(
        "The caller's budget is spent: the key's `rate_limit_per_minute`, or the per-user " +
          'session limit (`rate_limited`)',
        new RateLimitedError(1),
      ),
      headers: headerRefs('Retry-After', ...BUDGET_HEADERS),
    };
  }
  for (const [status, response] of Object.entries(responses) as [string, ResponseObject][]) {
    if (!response.description) response.description = DESCRIPTION_BY_STATUS[status] ?? status;
    if (/^2\d\d$/.test(status) && secured) {
      response.headers = { ...response.headers, ...headerRefs(...BUDGET_HEADERS) };
      if (keyed) response.headers = { ...response.headers, ...headerRefs('X-Credits-Remaining') };
    }
    if (status === '429' && !secured) response.headers = headerRefs('Retry-After');
    const media = response.content?.['application/json'];
    if (media && isErrorResponse(response) && media.example === undefined) {
      const error = errorFor(status, response.description, op);
      // Caught by `npm run openapi` and the drift check, before any server serves the document.
      if (!error) throw new Error(`${op.operationId} ${status}: no example for this error`);
      media.example = bodyOf(error);
    }
  }
  responses.default ??= structuredClone(DEFAULT_ERROR);
}

/** `allOf` with a single member and nothing beside it is that member (Nest writes it for enums). */
function unwrapLoneAllOf(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(unwrapLoneAllOf);
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    const child = value as Record<string, unknown> | null;
    if (
      child &&
      typeof child === 'object' &&
      Array.isArray(child.allOf) &&
      child.allOf.length === 1 &&
      Object.keys(child).length === 1
    ) {
      record[key] = child.allOf[0];
    }
    unwrapLoneAllOf(record[key]);
  }
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Keyward')
    .setDescription(DESCRIPTION)
    .setVersion('1.0.0')
    // Relative: Swagger UI's try-outs go to the server that served the page, on whatever port.
    .addServer('/', 'This server')
    // Tag order is the order Swagger UI shows: what a newcomer does first comes first.
    .addTag('auth', 'Sign up, sign in, refresh and sign out; the current user')
    .addTag('api-keys', 'Create and manage API keys; verify a key another service received')
    .addTag('users', 'User records (sessions, or keys with read:users / write:users)')
    .addTag('health', 'Liveness and readiness')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'A session `access_token` (from sign-up, sign-in or refresh). In *Authorize*, paste the ' +
          'token alone, without `Bearer `: Swagger UI adds it (a doubled `Bearer Bearer …` answers ' +
          '401 `invalid_token`). `Authorization: Bearer kw_…` is read as an API key. Not read at ' +
          'all when `X-API-Key` is also sent: the key wins.',
      },
      'bearer',
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
        description:
          'An API key (`kw_…`), the `key` that `POST /api-keys` returned once. When both headers ' +
          'are sent, this one wins and `Authorization` is ignored.',
      },
      'api_key',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponseDto, ErrorDetailDto],
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation) completeOperation(operation, path, method);
    }
  }
  document.components = { ...document.components, headers: { ...HEADERS } };
  unwrapLoneAllOf(document.components.schemas);
  return document;
}
