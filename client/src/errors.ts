import type { ErrorDetail } from './types.js';

/** Codes of failures that happen before or instead of an answer from the server. */
export type ClientErrorCode = 'network_error' | 'timeout' | 'aborted' | 'no_session';

/**
 * The one error the client throws. For an answer from the server, `status`, `code`, `message`
 * and `details` are those of its error body (`{ error, code, details? }`); for a failure with
 * no answer (network, timeout), `status` is 0 and `code` is one of {@link ClientErrorCode}.
 */
export class KeywardError extends Error {
  override readonly name = 'KeywardError';
  readonly status: number;
  /** The server's stable snake_case code, e.g. `api_key_revoked`, or a {@link ClientErrorCode}. */
  readonly code: string;
  readonly details: ErrorDetail[];

  constructor(
    status: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** From a non-2xx answer; a body not in the contract's shape still gives a usable error. */
  static fromResponse(status: number, body: unknown): KeywardError {
    if (isErrorBody(body)) return new KeywardError(status, body.code, body.error, body.details);
    const text = typeof body === 'string' && body.length > 0 ? body.slice(0, 200) : undefined;
    return new KeywardError(
      status,
      `http_${status}`,
      text ?? `Request failed with status ${status}`,
    );
  }
}

function isErrorBody(
  body: unknown,
): body is { error: string; code: string; details?: ErrorDetail[] } {
  if (typeof body !== 'object' || body === null) return false;
  const { error, code, details } = body as Record<string, unknown>;
  return (
    typeof error === 'string' &&
    typeof code === 'string' &&
    (details === undefined || Array.isArray(details))
  );
}
