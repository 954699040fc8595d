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

/**
 * Asserts the contract's error answer: the status, `Content-Type: application/json;
 * charset=utf-8`, a body with exactly `error` (a sentence), `code` (snake_case) and optionally
 * `details`, and nothing that looks like a stack trace or SQL.
 */
export function expectErrorBody(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: (res.body as { code?: unknown }).code }).toEqual({
    status,
    code,
  });
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const body = res.body as Record<string, unknown>;
  const keys = Object.keys(body).sort();
  expect(['code,error', 'code,details,error']).toContain(keys.join(','));
  expect(typeof body.error).toBe('string');
  expect((body.error as string).length).toBeGreaterThan(0);
  expect(body.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  if ('details' in body) {
    expect(Array.isArray(body.details)).toBe(true);
    for (const detail of body.details as Record<string, unknown>[]) {
      expect(typeof detail.problem).toBe('string');
      for (const k of Object.keys(detail)) expect(['field', 'problem']).toContain(k);
    }
  }
  for (const pattern of LEAK_PATTERNS) expect(res.text).not.toMatch(pattern);
}
