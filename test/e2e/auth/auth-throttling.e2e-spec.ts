import request from 'supertest';
import { expectError } from '../../helpers/contract';
import {
  API,
  createUser,
  sleep,
  STRONG_PASSWORD,
  uniqueEmail,
  type TestUser,
} from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/**
 * Sign-in/up throttling. Each app keeps its own counters, so every scenario gets an app with the
 * limits it needs; users are created through `base`, whose limits are out of reach.
 */
describe('auth throttling (e2e)', () => {
  let base: TestApp;
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string>): Promise<TestApp> => {
    const app = await startTestApp(env);
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    base = await start({});
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  const attempt = (
    t: TestApp,
    email: string,
    password: string,
    path: 'signin' | 'login' | 'signup' = 'signin',
  ): request.Test => request(t.http).post(`${API}/auth/${path}`).send({ email, password });

  /** A 429 in the contract's shape with a whole-seconds Retry-After within the window. */
  function expectRateLimited(res: request.Response, windowSeconds: number): number {
    expectError(res, 429, 'rate_limited');
    const retryAfter = res.headers['retry-after'];
    expect(retryAfter).toMatch(/^\d+$/);
    const seconds = Number(retryAfter);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(windowSeconds);
    return seconds;
  }

  describe('per email from one IP (3 per minute)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await start({ AUTH_RATE_LIMIT_PER_EMAIL: '3', AUTH_RATE_LIMIT_PER_IP: '1000' });
    });

    it('refuses the 4th attempt for one email from one IP, even with the right password', async () => {
      const victim = await createUser(base.http);
      const bystander = await createUser(base.http);
      for (let i = 0; i < 3; i++) {
        expectError(
          await attempt(t, victim.email, `${victim.password} guess ${i}`),
          401,
          'invalid_credentials',
        );
      }
      expectRateLimited(await attempt(t, victim.email, victim.password), 60);

      // Other emails from the same IP are answered normally.
      const ok = await attempt(t, bystander.email, bystander.password).expect(200);
      expect((ok.body as { user: { id: string } }).user.id).toBe(bystander.id);
      expectError(
        await attempt(t, uniqueEmail('other'), STRONG_PASSWORD),
        401,
        'invalid_credentials',
      );
      // ...while the throttled email stays refused.
      expectRateLimited(await attempt(t, victim.email, victim.password), 60);
    });

    it('counts an email case- and whitespace-insensitively', async () => {
      const victim = await createUser(base.http);
      // Sign-in trims and lower-cases the email, so these are all the same account.
      const spellings = [victim.email, victim.email.toUpperCase(), ` ${victim.email} `];
      for (const email of spellings) {
        expectError(
          await attempt(t, email, `${victim.password} wrong`),
          401,
          'invalid_credentials',
        );
      }
      expectRateLimited(await attempt(t, victim.email.toUpperCase(), victim.password), 60);
    });

    it('shares one budget between signin and its login alias', async () => {
      const victim = await createUser(base.http);
      await attempt(t, victim.email, 'wrong password one', 'signin').expect(401);
      await attempt(t, victim.email, 'wrong password two', 'login').expect(401);
      await attempt(t, victim.email, 'wrong password three', 'signin').expect(401);
      expectRateLimited(await attempt(t, victim.email, victim.password, 'login'), 60);
    });

    it('throttles signup per email too', async () => {
      const taken: TestUser = await createUser(base.http);
      for (let i = 0; i < 3; i++) {
        expectError(await attempt(t, taken.email, STRONG_PASSWORD, 'signup'), 409, 'email_taken');
      }
      expectRateLimited(await attempt(t, taken.email, STRONG_PASSWORD, 'signup'), 60);
    });
  });

  describe('recovery after Retry-After (2 per 3 s)', () => {
    it('answers normally again once Retry-After seconds have passed', async () => {
      const t = await start({
        AUTH_RATE_LIMIT_PER_EMAIL: '2',
        AUTH_RATE_LIMIT_PER_IP: '1000',
        AUTH_RATE_LIMIT_WINDOW_MS: '3000',
      });
      const user = await createUser(base.http);
      await attempt(t, user.email, 'not the password at all').expect(401);
      await attempt(t, user.email, 'still not the password').expect(401);
      const retryAfter = expectRateLimited(await attempt(t, user.email, user.password), 3);

      await sleep(retryAfter * 1000);
      const res = await attempt(t, user.email, user.password).expect(200);
      expect((res.body as { user: { id: string } }).user.id).toBe(user.id);
    });
  });

  describe('per IP (5 per minute)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await start({ AUTH_RATE_LIMIT_PER_IP: '5' });
    });

    it('refuses the 6th attempt from one IP whatever the email or route', async () => {
      const user = await createUser(base.http);
      for (let i = 0; i < 5; i++) {
        expectError(
          await attempt(t, uniqueEmail('spray'), STRONG_PASSWORD),
          401,
          'invalid_credentials',
        );
      }
      // A fresh email with the right password: the IP, not the email, is out of budget.
      expectRateLimited(await attempt(t, user.email, user.password), 60);
      expectRateLimited(await attempt(t, user.email, user.password, 'login'), 60);
      expectRateLimited(await attempt(t, uniqueEmail('new'), STRONG_PASSWORD, 'signup'), 60);

      // X-Forwarded-For is not trusted by default, so it cannot buy a fresh budget.
      const spoofed = await attempt(t, user.email, user.password).set(
        'X-Forwarded-For',
        '203.0.113.7',
      );
      expectRateLimited(spoofed, 60);

      // Authenticated endpoints are not part of the sign-in budget.
      const me = await request(t.http)
        .get(`${API}/auth/user`)
        .set('Authorization', `Bearer ${user.accessToken}`)
        .expect(200);
      expect((me.body as { id: string }).id).toBe(user.id);
    });
  });
});
