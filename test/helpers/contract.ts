import type { Response } from 'supertest';

/** Fragments that would mean an answer leaks internals: stack frames, source paths, SQL. */
export const LEAK_PATTERNS: RegExp[] = [
  /\n?\s{4}at /,
  /\.ts:\d*/,
  /\.js:\d+/,
  /node_modules/,
  /\bSELECT\b/i,
  /\bINSERT INTO\b/i,
  /\bUPDATE\s+"?\w+"?\s+SET\b/i,
  /\bDELETE FROM\b/i,
  /\brelation "/i,
  /\bsyntax error at\b/i,
  /QueryFailedError|TypeORMError|FST_ERR_/,
];

export interface ErrorBody {
  error: string;
  code: string;
  details?: { field?: string; problem: string }[];
}

/**
 * Asserts the contract's error answer and returns its body: the status and code (checked
 * together, so a failure shows what the server answered), `Content-Type: application/json;
 * charset=utf-8`, a body with exactly `error` (a sentence), `code` (snake_case) and optionally
 * `details` (entries of only `field` and `problem`), and nothing that looks like a stack trace
 * or SQL.
 */
export function expectError(res: Response, status: number, code: string): ErrorBody {
  expect({ status: res.status, body: res.body as unknown }).toMatchObject({
    status,
    body: { code },
  });
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = res.body as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(
    'details' in body ? ['code', 'details', 'error'] : ['code', 'error'],
  );
  expect(typeof body.error).toBe('string');
  expect((body.error as string).length).toBeGreaterThan(0);
  expect(body.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  if ('details' in body) {
    expect(Array.isArray(body.details)).toBe(true);
    for (const detail of body.details as Record<string, unknown>[]) {
      expect(typeof detail.problem).toBe('string');
      if ('field' in detail) expect(typeof detail.field).toBe('string');
      for (const k of Object.keys(detail)) expect(['field', 'problem']).toContain(k);
    }
  }
  for (const pattern of LEAK_PATTERNS) expect(res.text).not.toMatch(pattern);
  return body as unknown as ErrorBody;
}
