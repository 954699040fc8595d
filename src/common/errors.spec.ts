import { ErrorCode } from './error-codes';
import { AppError, RateLimitedError, UnauthorizedError } from './errors';

describe('AppError', () => {
  it('keeps its status, code, message and name, and is an Error', () => {
    const error = new UnauthorizedError(ErrorCode.InvalidApiKey, 'Invalid API key');
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      status: 401,
      code: ErrorCode.InvalidApiKey,
      message: 'Invalid API key',
      name: 'UnauthorizedError',
    });
  });

  it('captures no stack frames, and leaves the limit for other errors as it was', () => {
    const before = Error.stackTraceLimit;
    const refusal = new RateLimitedError(1);
    expect(refusal.stack).not.toMatch(/\n\s+at /);
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('a fault').stack).toMatch(/\n\s+at /);
  });
});
