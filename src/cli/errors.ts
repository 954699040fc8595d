import { KeywardError } from '@keyward/client';

/** Exit statuses of the command line: success, a failed request, a malformed command. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command was malformed (a missing option, a bad value, no confirmation): exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure that is not the API's answer (not logged in, aborted): exit 1 with its message. */
export class CliFailure extends Error {
  override readonly name = 'CliFailure';
}

/** The command has said what went wrong in its own output (a broken audit chain): exit 1. */
export class ReportedFailure extends Error {
  override readonly name = 'ReportedFailure';
}

/** The codes of a 401 that mean the stored session is no longer usable. */
const SESSION_OVER_CODES = new Set(['invalid_token', 'token_expired', 'missing_credentials']);

export function endsSession(err: unknown): boolean {
  return err instanceof KeywardError && err.status === 401 && SESSION_OVER_CODES.has(err.code);
}
