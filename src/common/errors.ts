/**
 * Domain errors: one small class per status, each carrying the contract's stable `code`.
 * Services throw these; the global filter is the only place that turns them into HTTP answers.
 */
export interface ErrorDetail {
  field?: string;
  problem: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends AppError {
  constructor(details: ErrorDetail[], message = 'Request validation failed') {
    super(400, 'validation_failed', message, details);
  }
}

export class InvalidJsonError extends AppError {
  constructor(message = 'Request body is not valid JSON') {
    super(400, 'invalid_json', message);
  }
}

export class InvalidCursorError extends AppError {
  constructor() {
    super(400, 'invalid_cursor', 'The cursor is not one this service gave out');
  }
}

export class InvalidIdError extends AppError {
  constructor(field = 'id') {
    super(400, 'invalid_id', `The ${field} in the path is not a valid UUID`);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code: string, message: string) {
    super(401, code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(code: string, message: string, details?: ErrorDetail[]) {
    super(403, code, message, details);
  }
}

/*
 * The refusals several places throw; the OpenAPI document's examples are built from these same
 * classes, so the sentence a reader sees there is the one the API answers.
 */

export class MissingCredentialsError extends UnauthorizedError {
  constructor() {
    super('missing_credentials', 'Authentication required');
  }
}

export class UserSessionRequiredError extends ForbiddenError {
  constructor(message = 'This endpoint needs a user session; API keys cannot call it') {
    super('user_session_required', message);
  }
}

export class InsufficientScopeError extends ForbiddenError {
  constructor(missing: readonly string[]) {
    super(
      'insufficient_scope',
      'The API key lacks a scope this endpoint requires',
      missing.map((scope) => ({ field: 'scopes', problem: `requires '${scope}'` })),
    );
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super(404, 'not_found', `${what} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, headers: Record<string, string> = {}) {
    const retryAfter = String(Math.max(1, Math.ceil(retryAfterSeconds)));
    super(429, 'rate_limited', 'Too many requests; retry later', undefined, {
      ...headers,
      'Retry-After': retryAfter,
    });
  }
}

export class UnavailableError extends AppError {
  constructor(message = 'A dependency is unavailable; retry shortly') {
    super(503, 'unavailable', message);
  }
}
