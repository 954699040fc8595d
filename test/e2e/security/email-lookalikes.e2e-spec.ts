import { randomBytes, randomInt } from 'node:crypto';
import request from 'supertest';
import { expectError, type ErrorBody } from '../../helpers/contract';
import { API, createUser, STRONG_PASSWORD, type TestUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/**
 * An email that looks like an existing account's must not become a second account: it is either
 * the same account once normalised (409), or refused (400 on `email`).
 */
describe('look-alike emails (e2e)', () => {
  let t: TestApp;
  let real: TestUser;
  let local: string;

  beforeAll(async () => {
    t = await startTestApp();
    local = `admin-${randomBytes(4).toString('hex')}`;
    real = await createUser(t.http, { email: `${local}@example.com` });
  });
  afterAll(async () => {
    await t.close();
  });

  const signUp = (email: string): request.Test =>
    request(t.http).post(`${API}/auth/signup`).send({ email, password: STRONG_PASSWORD });

  const fullWidth = (text: string): string =>
    [...text]
      .map((c) => (c > ' ' && c <= '~' ? String.fromCodePoint(c.codePointAt(0)! + 0xfee0) : c))
      .join('');

  it('treats a full-width spelling as the same address', async () => {
    expectError(await signUp(`${fullWidth(local.toUpperCase())}@example.com`), 409, 'email_taken');
    // ...and signs in to the same account.
    const res = await request(t.http)
      .post(`${API}/auth/signin`)
      .send({ email: `${fullWidth(local.toUpperCase())}@example.com`, password: real.password })
      .expect(200);
    expect((res.body as { user: { id: string; email: string } }).user).toMatchObject({
      id: real.id,
      email: real.email,
    });
  });

  it.each([
    ['a zero-width space', (l: string) => l.replace('min', 'm\u200Bin')],
    ['a right-to-left override', (l: string) => `\u202E${l}`],
    ['a soft hyphen', (l: string) => l.replace('ad', 'a\u00ADd')],
    ['a Cyrillic а', (l: string) => l.replace('a', '\u0430')],
    ['a Greek ο mixed with Latin', (l: string) => `${l}\u03BF`],
    ['a dotless ı', (l: string) => l.replace('i', '\u0131')],
    ['a dotted capital İ', (l: string) => l.replace('i', '\u0130')],
    ['an i with a combining dot', (l: string) => l.replace('i', 'i\u0307')],
  ])('refuses an address with %s', async (_label, spoof) => {
    const res = await signUp(`${spoof(local)}@example.com`);
    expectError(res, 400, 'validation_failed');
    const details = (res.body as ErrorBody).details ?? [];
    expect(details.map((d) => d.field)).toEqual(['email']);
  });

  it('accepts a local part written in one non-Latin script', async () => {
    const email = `иван.${randomInt(1e9)}@example.com`;
    const res = await signUp(email).expect(201);
    expect((res.body as { user: { email: string } }).user.email).toBe(email);
  });

  it('stores an internationalised domain in its ASCII form', async () => {
    const res = await signUp(`${local}@bücher.example`).expect(201);
    expect((res.body as { user: { email: string } }).user.email).toBe(
      `${local}@xn--bcher-kva.example`,
    );
  });
});
