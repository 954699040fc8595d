import { RateLimitedError } from '../common/errors';

/**
 * The 429 for a caller over its own budget (an API key's or a user's), with the budget's
 * headers: CallerBudgetGuard and the session check before lookup (JwtStrategy) give the same one.
 */
export function callerRateLimited(
  limit: number,
  resetSeconds: number,
  retryAfterSeconds: number,
): RateLimitedError {
  return new RateLimitedError(retryAfterSeconds, {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': String(resetSeconds),
  });
}
