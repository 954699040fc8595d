import request from 'supertest';
import { expectError } from '../../helpers/contract';
import { API, createUser, STRONG_PASSWORD, uniqueEmail } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/**
 * Sign-in limits must slow a guesser without letting strangers lock an owner out: the per-email
 * budget is counted per (client IP, email), the per-IP budget stays. Behind one trusted proxy
 * (TRUST_PROXY=1), X-Forwarded-For stands for the client's address.
 */
describe('sign-in limits and lock-outs (e2e)', () => {
  let base: TestApp;
  let t: TestApp;

  beforeAll(async () => {
    base = await startTestApp();
    t = await startTestApp({
      TRUST_PROXY: '1',
      AUTH_RATE_LIMIT_PER_EMAIL: '3',
      AUTH_RATE_LIMIT_PER_IP: '5',
    });
  });
  afterAll(async () => {
    await t.close();
    await base.close();
  });

  const signInFrom = (ip: string, email: string, password: string): request.Test =>
    request(t.http).post(`${API}/auth/signin`).set('X-Forwarded-For', ip).send({ email, password });

  it("failures from many other IPs do not lock the owner's correct password out", async () => {
    const owner = await createUser(base.http);
    for (let ip = 1; ip <= 10; ip++) {
      for (let i = 0; i < 3; i++) {
        expectError(
          await signInFrom(`198.51.100.${ip}`, owner.email, `wrong guess ${ip}-${i} for sure`),
          401,
          'invalid_credentials',
        );
      }
      // Each attacking IP has spent its own (IP, email) budget, and only that.
      expectError(
        await signInFrom(`198.51.100.${ip}`, owner.email, owner.password),
        429,
        'rate_limited',
      );
    }
    const res = await signInFrom('203.0.113.50', owner.email, owner.password).expect(200);
    expect((res.body as { user: { id: string } }).user.id).toBe(owner.id);
  });

  it('still limits one IP guessing one email, whatever the case of the email', async () => {
    const owner = await createUser(base.http);
    const ip = '198.51.100.77';
    for (const email of [owner.email, owner.email.toUpperCase(), ` ${owner.email} `]) {
      expectError(
        await signInFrom(ip, email, 'not the password at all'),
        401,
        'invalid_credentials',
      );
    }
    expectError(await signInFrom(ip, owner.email, owner.password), 429, 'rate_limited');
    // The owner, elsewhere, is unaffected.
    await signInFrom('203.0.113.51', owner.email, owner.password).expect(200);
  });

  it('keeps the per-IP limit across many emails', async () => {
    const owner = await createUser(base.http);
    const ip = '198.51.100.200';
    for (let i = 0; i < 5; i++) {
      expectError(
        await signInFrom(ip, uniqueEmail('spray'), STRONG_PASSWORD),
        401,
        'invalid_credentials',
      );
    }
    expectError(await signInFrom(ip, owner.email, owner.password), 429, 'rate_limited');
    await signInFrom('203.0.113.52', owner.email, owner.password).expect(200);
  });
});
