import request from 'supertest';
import { expectError, type ErrorBody } from '../../helpers/contract';
import { API, uniqueEmail } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/** Passwords are hashed NFKC-normalised, so their length and the blocklist are checked so too. */
describe('password checks on the normalised password (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const signUp = (password: string): request.Test =>
    request(t.http).post(`${API}/auth/signup`).send({ email: uniqueEmail(), password });

  const fullWidth = (text: string): string =>
    [...text].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('');

  it.each([
    ['its plain spelling', 'passwordpassword'],
    ['its full-width spelling', fullWidth('passwordpassword')],
    ['its full-width capitals', fullWidth('PASSWORDPASSWORD')],
  ])('refuses a common password in %s', async (_label, password) => {
    const res = await signUp(password);
    expectError(res, 400, 'validation_failed');
    expect((res.body as ErrorBody).details).toEqual([
      { field: 'password', problem: expect.stringContaining('too common') as unknown },
    ]);
  });

  it('counts the length of the normalised password', async () => {
    // 16 code points that normalise to 8: "e" + combining acute composes to "é".
    const res = await signUp('e\u0301'.repeat(8));
    expectError(res, 400, 'validation_failed');
    expect((res.body as ErrorBody).details).toEqual([
      { field: 'password', problem: 'must be at least 15 characters' },
    ]);
  });
});
