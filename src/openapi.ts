import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
  type OperationObject,
  type ResponseObject,
  type ResponsesObject,
} from '@nestjs/swagger';
import { ErrorDetailDto, ErrorResponseDto } from './common/error-response.dto';

const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorResponse' };

/** What each status means in this API, with the error body a client sees most often for it. */
const STATUS: Record<string, { description: string; code?: string; error?: string }> = {
  '200': { description: 'OK' },
  '201': { description: 'Created' },
  '400': {
    description: 'Malformed JSON, failed validation or a malformed id',
    code: 'validation_failed',
    error: 'Request validation failed',
  },
  '401': {
    description: 'Missing, invalid or expired credentials',
    code: 'missing_credentials',
    error: 'Authentication required',
  },
  '403': { description: 'Authenticated but not allowed', code: 'forbidden', error: 'Forbidden' },
  '404': {
    description: 'No such resource, or it belongs to someone else',
    code: 'not_found',
    error: 'API key not found',
  },
  '409': { description: 'Conflict with the current state', code: 'conflict', error: 'Conflict' },
  '429': { description: 'Rate limited', code: 'rate_limited', error: 'Too many requests' },
  '503': {
    description: 'A dependency is unavailable',
    code: 'unavailable',
    error: 'A dependency is unavailable; retry shortly',
  },
};

/** Human sentences for the codes that the decorators name in their descriptions. */
const ERROR_SENTENCE: Record<string, string> = {
  api_key_revoked: 'API key has been revoked',
  email_taken: 'An account with this email already exists',
  invalid_credentials: 'Invalid email or password',
  invalid_token: 'Invalid or expired refresh token',
  key_limit_reached: 'API key limit reached',
  user_session_required: 'This endpoint needs a user session, not an API key',
};

const DEFAULT_ERROR: ResponseObject = {
  description:
    'Any other error, in the same shape: 413 `payload_too_large`, 415 `unsupported_media_type`, ' +
    '429 `rate_limited`, 431 `headers_too_large`, 500 `internal_error`, 503 `unavailable`',
  content: {
    'application/json': {
      schema: ERROR_SCHEMA,
      example: { error: 'Internal server error', code: 'internal_error' },
    },
  },
};

function isErrorResponse(response: ResponseObject): boolean {
  const schema = response.content?.['application/json']?.schema;
  return !!schema && '$ref' in schema && schema.$ref === ERROR_SCHEMA.$ref;
}

/** The example error body of one documented error answer. */
function errorExample(status: string, description: string): Record<string, unknown> {
  const named = /`([a-z_]+)`/.exec(description)?.[1];
  const standard = STATUS[status];
  const code = named ?? standard?.code ?? 'error';
  const error = ERROR_SENTENCE[code] ?? standard?.error ?? 'Request failed';
  if (code === 'validation_failed') {
    return {
      error,
      code,
      details: [{ field: 'scopes[1]', problem: "unknown scope 'read:everything'" }],
    };
  }
  return { error, code };
}

/**
 * Fills in what the decorators leave out, so the document (and the client generated from it)
 * describes every answer: a description for every response, an example for every error, and
 * a `default` error response on every operation, because any route can answer 413, 415, 429,
 * 500 or 503 in the contract's error shape.
 */
function completeOperation(operation: OperationObject): void {
  const responses: ResponsesObject = operation.responses;
  for (const [status, response] of Object.entries(responses) as [string, ResponseObject][]) {
    if (!response.description) response.description = STATUS[status]?.description ?? status;
    const media = response.content?.['application/json'];
    if (media && isErrorResponse(response) && media.example === undefined) {
      media.example = errorExample(status, response.description);
    }
  }
  responses.default ??= structuredClone(DEFAULT_ERROR);
}

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Keyward')
    .setDescription(
      'API keys for service-to-service authentication. Sign in with email and password, manage ' +
        'keys, and let other services authenticate with those keys. Every error answers ' +
        '`{ error, code, details? }`.',
    )
    .setVersion('1.0.0')
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
        description: 'A session access token',
      },
      'bearer',
    )
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key (kw_...)' },
      'api_key',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorResponseDto, ErrorDetailDto],
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
  for (const path of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = path[method];
      if (operation) completeOperation(operation);
    }
  }
  return document;
}
