import type { FastifyRequest } from 'fastify';
import { looksLikeApiKey } from '../api-keys/api-key-format';
import { ErrorCode } from '../common/error-codes';
import { UnauthorizedError } from '../common/errors';

export type Credential = { kind: 'api_key'; key: string } | { kind: 'jwt' } | { kind: 'none' };

const DOUBLED_BEARER = new UnauthorizedError(
  ErrorCode.InvalidToken,
  'Authorization header says "Bearer" twice: send "Bearer <token>" (in Swagger UI, paste the token alone)',
);

/**
 * X-API-Key wins: when it is present, Authorization is not read at all. Credentials come from
 * headers only: a key or token in a URL ends up in logs and histories.
 */
export function readCredential(request: FastifyRequest): Credential {
  const headerKey = request.headers['x-api-key'];
  if (typeof headerKey === 'string' && headerKey.length > 0)
    return { kind: 'api_key', key: headerKey };
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(.+)$/i.exec(authorization);
    if (match) {
      // Swagger UI's Authorize dialog adds "Bearer " itself: a pasted "Bearer <token>" doubles it.
      if (/^Bearer\s/i.test(match[1])) throw DOUBLED_BEARER;
      return looksLikeApiKey(match[1]) ? { kind: 'api_key', key: match[1] } : { kind: 'jwt' };
    }
    throw new UnauthorizedError(
      ErrorCode.InvalidToken,
      'Authorization header must be "Bearer <token>"',
    );
  }
  return { kind: 'none' };
}
