/**
 * Every `code` this service answers with: the contract's stable identifiers, in one place so a
 * typo does not compile and the OpenAPI document can list them.
 */
export const ErrorCode = {
  // 400
  BadRequest: 'bad_request',
  InvalidJson: 'invalid_json',
  ValidationFailed: 'validation_failed',
  InvalidId: 'invalid_id',
  InvalidCursor: 'invalid_cursor',
  WebhookUrlNotAllowed: 'webhook_url_not_allowed',
  // 401
  MissingCredentials: 'missing_credentials',
  InvalidCredentials: 'invalid_credentials',
  InvalidToken: 'invalid_token',
  TokenExpired: 'token_expired',
  InvalidApiKey: 'invalid_api_key',
  ApiKeyRevoked: 'api_key_revoked',
  ApiKeyExpired: 'api_key_expired',
  ApiKeyRotated: 'api_key_rotated',
  // 403
  Forbidden: 'forbidden',
  InsufficientScope: 'insufficient_scope',
  UserSessionRequired: 'user_session_required',
  IpNotAllowed: 'ip_not_allowed',
  CreditsExhausted: 'credits_exhausted',
  // 404, 405, 408
  NotFound: 'not_found',
  MethodNotAllowed: 'method_not_allowed',
  RequestTimeout: 'request_timeout',
  // 409 (and `api_key_revoked`, `api_key_expired` above)
  Conflict: 'conflict',
  EmailTaken: 'email_taken',
  KeyLimitReached: 'key_limit_reached',
  LastAdmin: 'last_admin',
  // 413, 415, 429, 431
  PayloadTooLarge: 'payload_too_large',
  UnsupportedMediaType: 'unsupported_media_type',
  RateLimited: 'rate_limited',
  HeadersTooLarge: 'headers_too_large',
  // 5xx
  InternalError: 'internal_error',
  Unavailable: 'unavailable',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);
