import { ErrorCode } from './error-codes';

/**
 * Domain errors: one small class per status, each carrying the contract's stable `code`.
 * Services throw these; the global filter is the only place that turns them into HTTP answers.
 */
export interface ErrorDetail {
  field?: string;
  problem: string;
}

/**
 * An answer the contract defines, not a fault: no stack trace is captured for it (nothing reads
 * one, and capturing it was the largest cost of our own in refusing an unknown key). The limit
 * is lowered only around this constructor's own `super` call.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    /** Extra response headers, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends AppError {
  constructor(details: ErrorDetail[], message = 'Request validation failed') {
    super(400, ErrorCode.ValidationFailed, message, details);
  }
}

export class InvalidJsonError extends AppError {
  constructor(message = 'Request body is not valid JSON') {
    super(400, ErrorCode.InvalidJson, message);
  }
}

export class InvalidCursorError extends AppError {
  constructor() {
    super(400, ErrorCode.InvalidCursor, 'The cursor is not one this service gave out');
  }
}

/** SSRF guard: a webhook may not point into the service's own network. */
export class WebhookUrlNotAllowedError extends AppError {
  constructor(reason: string) {
    super(400, ErrorCode.WebhookUrlNotAllowed, 'This webhook URL is not allowed', [
      { field: 'url', problem: reason },
    ]);
  }
}

export class InvalidIdError extends AppError {
  constructor(field = 'id') {
    super(400, ErrorCode.InvalidId, `The ${field} in the path is not a valid UUID`);
  }
}

export class UnauthorizedError extends AppError {
  constructor(code: ErrorCode, message: string) {
    super(401, code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(code: ErrorCode, message: string, details?: ErrorDetail[]) {
    super(403, code, message, details);
  }
}

export class ConflictError extends AppError {
  constructor(code: ErrorCode, message: string) {
    super(409, code, message);
  }
}

/*
 * The refusals several places throw; the OpenAPI document's examples are built from these same
 * classes, so the sentence a reader sees there is the one the API answers.
 */

export class MissingCredentialsError extends UnauthorizedError {
  constructor() {
    super(ErrorCode.MissingCredentials, 'Authentication required');
  }
}

export class UserSessionRequiredError extends ForbiddenError {
  constructor(message = 'This endpoint needs a user session; API keys cannot call it') {
    super(ErrorCode.UserSessionRequired, message);
  }
}

export class InsufficientScopeError extends ForbiddenError {
  constructor(missing: readonly string[]) {
    super(
      ErrorCode.InsufficientScope,
      'The API key lacks a scope this endpoint requires',
      missing.map((scope) => ({ field: 'scopes', problem: `requires '${scope}'` })),
    );
  }
}

/** A keyed request from an address outside the key's `allowed_ips`. */
export class IpNotAllowedError extends ForbiddenError {
  constructor() {
    super(ErrorCode.IpNotAllowed, "The client address is not in this API key's allowlist");
  }
}

/** A keyed request of a key whose credits are spent (until its next refill, or a new balance). */
export class CreditsExhaustedError extends AppError {
  constructor() {
    super(403, ErrorCode.CreditsExhausted, 'This API key has no credits left', undefined, {
      'X-Credits-Remaining': '0',
    });
  }
}

export class InvalidCredentialsError extends UnauthorizedError {
  constructor() {
    super(ErrorCode.InvalidCredentials, 'Invalid email or password');
  }
}

export class InvalidAccessTokenError extends UnauthorizedError {
  constructor() {
    super(ErrorCode.InvalidToken, 'Access token is invalid');
  }
}

export class InvalidRefreshTokenError extends UnauthorizedError {
  constructor() {
    super(ErrorCode.InvalidToken, 'Refresh token is invalid or has expired');
  }
}

/** The session (or its user) is gone, though the access token itself still verifies. */
export class SessionEndedError extends UnauthorizedError {
  constructor() {
    super(ErrorCode.InvalidToken, 'Session has ended; sign in again');
  }
}

export class EmailTakenError extends ConflictError {
  constructor() {
    super(ErrorCode.EmailTaken, 'An account with this email already exists');
  }
}

export class KeyLimitReachedError extends ConflictError {
  constructor(maxKeysPerUser: number) {
    super(
      ErrorCode.KeyLimitReached,
      `A user may hold at most ${maxKeysPerUser} active API keys; revoke or delete one first`,
    );
  }
}

export class RevokedKeyUnchangeableError extends ConflictError {
  constructor() {
    super(ErrorCode.ApiKeyRevoked, 'A revoked API key cannot be changed');
  }
}

export class ExpiredKeyUnrotatableError extends ConflictError {
  constructor() {
    super(ErrorCode.ApiKeyExpired, 'An expired API key cannot be rotated');
  }
}

export class LastAdminError extends ConflictError {
  constructor() {
    super(ErrorCode.LastAdmin, 'The last admin cannot be demoted or deleted');
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super(404, ErrorCode.NotFound, `${what} not found`);
  }
}

export class RateLimitedError extends AppError {
  constructor(retryAfterSeconds: number, headers: Record<string, string> = {}) {
    const retryAfter = String(Math.max(1, Math.ceil(retryAfterSeconds)));
    super(429, ErrorCode.RateLimited, 'Too many requests; retry later', undefined, {
      ...headers,
      'Retry-After': retryAfter,
    });
  }
}

export class UnavailableError extends AppError {
  constructor(message = 'A dependency is unavailable; retry shortly') {
    super(503, ErrorCode.Unavailable, message);
  }
}
