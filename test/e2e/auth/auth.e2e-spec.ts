import { randomBytes } from 'node:crypto';
import { decode, sign, type SignOptions } from 'jsonwebtoken';
import request from 'supertest';
import { expectError } from '../../helpers/contract';
import {
  API,
  bearer,
  createApiKey,
  createUser,
  signIn,
  STRONG_PASSWORD,
  uniqueEmail,
  type TestUser,
} from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/** RFC 3339 UTC with milliseconds, as the contract fixes it. */
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface UserBody {
  id: string;
  email: string;
  email_verified: boolean;
  role: string;
  metadata?: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

interface AuthBody {
  user: UserBody;
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
}

interface AccessClaims {
  sub: string;
  sid: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

const claimsOf = (token: string): AccessClaims => decode(token) as AccessClaims;
const nowSeconds = (): number => Math.floor(Date.now() / 1000);
const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Asserts the exact AuthResponse shape (no extra keys, no metadata unless given). */
function expectAuthResponse(res: request.Response, email: string): AuthBody {
  const body = res.body as AuthBody;
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(Object.keys(body).sort()).toEqual([
    'access_token',
    'expires_in',
    'refresh_token',
    'token_type',
    'user',
  ]);
  expect(body.expires_in).toBe(900);
  expect(body.token_type).toBe('bearer');
  expect(body.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(typeof body.refresh_token).toBe('string');
  expect(body.refresh_token.length).toBeGreaterThanOrEqual(32);
  expect(body.user.email).toBe(email);
  expect(body.user.id).toMatch(UUID);
  expect(body.user.email_verified).toBe(false);
  expect(body.user.created_at).toMatch(ISO_MS);
  expect(body.user.updated_at).toMatch(ISO_MS);
  return body;
}

describe('auth (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const post = (path: string, body?: object): request.Test =>
    request(t.http)
      .post(`${API}/auth/${path}`)
      .send(body ?? {});
  const getUser = (token: string): request.Test =>
    request(t.http)
      .get(`${API}/auth/user`)
      .set(...bearer(token));

  /** Signs a JWT the way the app does, unless options say otherwise. */
  function craft(
    payload: Record<string, unknown>,
    options: SignOptions = {},
    secret = t.config.jwt.secret,
  ): string {
    return sign(payload, secret, {
      algorithm: 'HS256',
      issuer: t.config.jwt.issuer,
      audience: t.config.jwt.audience,
      ...options,
    });
  }

  describe('POST /auth/signup', () => {
    it('answers 201 with the exact AuthResponse shape', async () => {
      const email = uniqueEmail('signup');
      const res = await post('signup', { email, password: STRONG_PASSWORD }).expect(201);
      const body = expectAuthResponse(res, email);
      expect(Object.keys(body.user).sort()).toEqual([
        'created_at',
        'email',
        'email_verified',
        'id',
        'role',
        'updated_at',
      ]);
      expect(body.user.role).toBe('user');

      const header = decode(body.access_token, { complete: true })?.header;
      expect(header?.alg).toBe('HS256');
      const claims = claimsOf(body.access_token);
      expect(claims).toMatchObject({
        sub: body.user.id,
        iss: t.config.jwt.issuer,
        aud: t.config.jwt.audience,
      });
      expect(claims.sid).toMatch(UUID);
      expect(claims.exp - claims.iat).toBe(900);

      // The new session is usable straight away.
      const me = await getUser(body.access_token).expect(200);
      expect(me.body).toEqual(body.user);
    });

    it('stores the email lower-cased and treats it as case-insensitively unique', async () => {
      const lower = uniqueEmail('mixed');
      const mixed = lower.replace(/^mixed/, 'MiXeD').replace('example.com', 'Example.COM');
      const res = await post('signup', { email: mixed, password: STRONG_PASSWORD }).expect(201);
      expect((res.body as AuthBody).user.email).toBe(lower);
      const rows: { email: string }[] = await t.dataSource.query(
        'SELECT email FROM users WHERE lower(email) = $1',
        [lower],
      );
      expect(rows).toEqual([{ email: lower }]);

      for (const again of [lower, mixed, lower.toUpperCase()]) {
        expectError(
          await post('signup', { email: again, password: STRONG_PASSWORD }),
          409,
          'email_taken',
        );
      }
      const count: { n: number }[] = await t.dataSource.query(
        'SELECT count(*)::int AS n FROM users WHERE lower(email) = $1',
        [lower],
      );
      expect(count[0].n).toBe(1);
    });

    it('round-trips metadata through signup, signin and GET /auth/user', async () => {
      const email = uniqueEmail('meta');
      const metadata = { team: 'payments', tier: 3, flags: { beta: true }, tags: ['a', 'b'] };
      const up = await post('signup', { email, password: STRONG_PASSWORD, metadata }).expect(201);
      expect((up.body as AuthBody).user.metadata).toEqual(metadata);
      const inRes = await post('signin', { email, password: STRONG_PASSWORD }).expect(200);
      expect((inRes.body as AuthBody).user.metadata).toEqual(metadata);
      const me = await getUser((inRes.body as AuthBody).access_token).expect(200);
      expect((me.body as UserBody).metadata).toEqual(metadata);
    });

    it('accepts a password of exactly 15 and of exactly 256 characters', async () => {
      const fifteen = STRONG_PASSWORD.slice(0, 15);
      expect(fifteen).toHaveLength(15);
      await post('signup', { email: uniqueEmail('p15'), password: fifteen }).expect(201);
      const long = 'a long passphrase with words '.repeat(10).slice(0, 256);
      expect(long).toHaveLength(256);
      const email = uniqueEmail('p256');
      await post('signup', { email, password: long }).expect(201);
      await post('signin', { email, password: long }).expect(200);
    });

    it('counts password length in characters, not UTF-16 units', async () => {
      // 14 emoji are 28 UTF-16 code units but only 14 characters.
      const res = await post('signup', { email: uniqueEmail('emoji'), password: '🔑'.repeat(14) });
      expectError(res, 400, 'validation_failed');
      await post('signup', { email: uniqueEmail('emoji'), password: '🔑'.repeat(15) }).expect(201);
    });

    it.each([
      ['an invalid email', { email: 'not-an-email', password: STRONG_PASSWORD }, 'email'],
      ['a missing email', { password: STRONG_PASSWORD }, 'email'],
      ['a missing password', { email: 'x@example.com' }, 'password'],
      ['a non-string password', { email: 'x@example.com', password: 123456789012345 }, 'password'],
      [
        'a password of 14 characters',
        { email: 'x@example.com', password: STRONG_PASSWORD.slice(0, 14) },
        'password',
      ],
      [
        'a password of 257 characters',
        { email: 'x@example.com', password: 'b'.repeat(100) + 'c'.repeat(157) },
        'password',
      ],
      ['a common password', { email: 'x@example.com', password: '123456789987654321' }, 'password'],
      [
        'an unknown field',
        { email: 'x@example.com', password: STRONG_PASSWORD, nickname: 'x' },
        'nickname',
      ],
      [
        'metadata that is not an object',
        { email: 'x@example.com', password: STRONG_PASSWORD, metadata: 'team' },
        'metadata',
      ],
      [
        'metadata that is an array',
        { email: 'x@example.com', password: STRONG_PASSWORD, metadata: ['a'] },
        'metadata',
      ],
    ])('refuses %s with 400 validation_failed naming the field', async (_name, body, field) => {
      const email = uniqueEmail('invalid');
      const sent = 'email' in body && body.email === 'x@example.com' ? { ...body, email } : body;
      const res = await post('signup', sent);
      expectError(res, 400, 'validation_failed');
      const details = (res.body as { details?: { field?: string }[] }).details ?? [];
      expect(details.map((d) => d.field)).toContain(field);
      const rows: unknown[] = await t.dataSource.query('SELECT id FROM users WHERE email = $1', [
        email,
      ]);
      expect(rows).toHaveLength(0);
    });

    it('does not let a client choose its role', async () => {
      const email = uniqueEmail('role');
      const res = await post('signup', { email, password: STRONG_PASSWORD, role: 'admin' });
      expectError(res, 400, 'validation_failed');
      expect((res.body as { details: unknown[] }).details).toContainEqual({
        field: 'role',
        problem: 'unknown field',
      });
      // The account was not created, with any role.
      expectError(
        await post('signin', { email, password: STRONG_PASSWORD }),
        401,
        'invalid_credentials',
      );
    });

    it('answers malformed JSON with 400 invalid_json', async () => {
      const res = await request(t.http)
        .post(`${API}/auth/signup`)
        .set('Content-Type', 'application/json')
        .send('{"email": "a@example.com",');
      expectError(res, 400, 'invalid_json');
    });
  });

  describe('POST /auth/signin and /auth/login', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await createUser(t.http, { email: uniqueEmail('signin') });
    });

    it.each(['signin', 'login'])('%s answers 200 with a fresh session', async (path) => {
      const res = await post(path, { email: user.email, password: user.password }).expect(200);
      const body = expectAuthResponse(res, user.email);
      expect(body.user.id).toBe(user.id);
      // A new session each time: a different session id and refresh token than signup's.
      expect(claimsOf(body.access_token).sid).not.toBe(claimsOf(user.accessToken).sid);
      expect(body.refresh_token).not.toBe(user.refreshToken);
      const me = await getUser(body.access_token).expect(200);
      expect((me.body as UserBody).id).toBe(user.id);
    });

    it('treats the email case-insensitively', async () => {
      const res = await post('signin', {
        email: user.email.toUpperCase(),
        password: user.password,
      }).expect(200);
      expect((res.body as AuthBody).user.id).toBe(user.id);
    });

    it.each(['signin', 'login'])(
      '%s answers a wrong password and an unknown email with byte-identical 401s',
      async (path) => {
        const wrongPassword = await post(path, {
          email: user.email,
          password: `${user.password}!`,
        });
        const unknownEmail = await post(path, {
          email: uniqueEmail('nobody'),
          password: user.password,
        });
        expectError(wrongPassword, 401, 'invalid_credentials');
        expect(wrongPassword.body).toEqual({
          error: 'Invalid email or password',
          code: 'invalid_credentials',
        });
        expect(unknownEmail.status).toBe(401);
        expect(unknownEmail.text).toBe(wrongPassword.text);
      },
    );

    it('compares passwords exactly (case matters)', async () => {
      expectError(
        await post('signin', { email: user.email, password: user.password.toUpperCase() }),
        401,
        'invalid_credentials',
      );
    });

    it('treats canonically equivalent Unicode passwords as equal (NFKC)', async () => {
      const composed = 'caf\u00e9 au lait, bien chaud';
      const decomposed = 'cafe\u0301 au lait, bien chaud';
      expect(decomposed).not.toBe(composed);
      const other = await createUser(t.http, { password: composed });
      const res = await post('signin', { email: other.email, password: decomposed }).expect(200);
      expect((res.body as AuthBody).user.id).toBe(other.id);
    });

    it('refuses a missing password with 400 validation_failed', async () => {
      const res = await post('signin', { email: user.email });
      expectError(res, 400, 'validation_failed');
      expect((res.body as { details: { field: string }[] }).details.map((d) => d.field)).toContain(
        'password',
      );
    });
  });

  describe('GET /auth/user', () => {
    let user: TestUser;
    let sid: string;
    beforeAll(async () => {
      user = await createUser(t.http);
      sid = claimsOf(user.accessToken).sid;
    });

    it('answers concurrent requests with one token, each with its own verdict', async () => {
      // Regression: a strategy instance shared across requests crossed passport's callbacks, so
      // all but one concurrent request hung.
      const statuses = await Promise.all(
        Array.from({ length: 10 }, () => getUser(user.accessToken).then((r) => r.status)),
      );
      expect(statuses).toEqual(Array.from({ length: 10 }, () => 200));
    });

    it('answers the session user', async () => {
      const res = await getUser(user.accessToken).expect(200);
      const body = res.body as UserBody;
      expect(body).toMatchObject({ id: user.id, email: user.email, role: 'user' });
      expect(body.created_at).toMatch(ISO_MS);
      expect(body).not.toHaveProperty('password_hash');
    });

    it('accepts a token crafted exactly like the app signs them (control)', async () => {
      const token = craft({ sub: user.id, sid }, { expiresIn: 60 });
      const res = await getUser(token).expect(200);
      expect((res.body as UserBody).id).toBe(user.id);
    });

    it('answers no credentials with 401 missing_credentials', async () => {
      expectError(await request(t.http).get(`${API}/auth/user`), 401, 'missing_credentials');
    });

    it('never reads a token from the query string', async () => {
      const res = await request(t.http).get(
        `${API}/auth/user?access_token=${user.accessToken}&token=${user.accessToken}`,
      );
      expectError(res, 401, 'missing_credentials');
    });

    it('refuses an Authorization header that is not Bearer', async () => {
      const res = await request(t.http)
        .get(`${API}/auth/user`)
        .set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`);
      expectError(res, 401, 'invalid_token');
    });

    it('refuses a garbage token with 401 invalid_token', async () => {
      expectError(await getUser('not.a.jwt'), 401, 'invalid_token');
      expectError(await getUser('garbage'), 401, 'invalid_token');
    });

    it('refuses a tampered token (payload changed, signature kept)', async () => {
      const [header, , signature] = user.accessToken.split('.');
      const other = await createUser(t.http);
      const payload = b64url({ ...claimsOf(user.accessToken), sub: other.id });
      expectError(await getUser(`${header}.${payload}.${signature}`), 401, 'invalid_token');
    });

    it('refuses a token signed with another secret', async () => {
      const token = craft(
        { sub: user.id, sid },
        { expiresIn: 60 },
        randomBytes(32).toString('base64url'),
      );
      expectError(await getUser(token), 401, 'invalid_token');
    });

    it('refuses an unsigned `alg: none` token', async () => {
      const now = nowSeconds();
      const claims = {
        sub: user.id,
        sid,
        iss: t.config.jwt.issuer,
        aud: t.config.jwt.audience,
        iat: now,
        exp: now + 60,
      };
      const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
      expectError(await getUser(token), 401, 'invalid_token');
    });

    it('refuses an HS512 token even with the right secret (algorithm pinned)', async () => {
      const token = craft({ sub: user.id, sid }, { algorithm: 'HS512', expiresIn: 60 });
      expectError(await getUser(token), 401, 'invalid_token');
    });

    it('refuses a token without exp', async () => {
      const token = craft({ sub: user.id, sid });
      expect(claimsOf(token).exp).toBeUndefined();
      expectError(await getUser(token), 401, 'invalid_token');
    });

    it.each([
      ['a wrong issuer', { issuer: 'someone-else' }],
      ['a wrong audience', { audience: 'another-api' }],
    ])('refuses a token with %s', async (_name, options: SignOptions) => {
      const token = craft({ sub: user.id, sid }, { expiresIn: 60, ...options });
      expectError(await getUser(token), 401, 'invalid_token');
    });

    it('refuses a token without iss and aud', async () => {
      const token = sign({ sub: user.id, sid, exp: nowSeconds() + 60 }, t.config.jwt.secret, {
        algorithm: 'HS256',
      });
      expectError(await getUser(token), 401, 'invalid_token');
    });

    it('refuses a validly signed token for an unknown session or another user', async () => {
      const other = await createUser(t.http);
      const unknownSession = craft(
        { sub: user.id, sid: '00000000-0000-4000-8000-000000000000' },
        { expiresIn: 60 },
      );
      expectError(await getUser(unknownSession), 401, 'invalid_token');
      // Another user's id on this user's session.
      const swapped = craft({ sub: other.id, sid }, { expiresIn: 60 });
      expectError(await getUser(swapped), 401, 'invalid_token');
    });

    it('answers an expired token with 401 token_expired', async () => {
      const now = nowSeconds();
      const token = craft({ sub: user.id, sid, iat: now - 1000, exp: now - 100 });
      const res = await getUser(token);
      expectError(res, 401, 'token_expired');
    });
  });

  describe('POST /auth/refresh', () => {
    it('returns new tokens; the old refresh token then answers 401 invalid_token', async () => {
      const user = await createUser(t.http);
      const res = await post('refresh', { refresh_token: user.refreshToken }).expect(200);
      const body = expectAuthResponse(res, user.email);
      expect(body.user.id).toBe(user.id);
      expect(body.refresh_token).not.toBe(user.refreshToken);
      // Same session, renewed (the access token may equal the old one within the same second).
      expect(claimsOf(body.access_token).sid).toBe(claimsOf(user.accessToken).sid);
      expect(claimsOf(body.access_token).exp).toBeGreaterThanOrEqual(
        claimsOf(user.accessToken).exp,
      );
      await getUser(body.access_token).expect(200);

      expectError(
        await post('refresh', { refresh_token: user.refreshToken }),
        401,
        'invalid_token',
      );
    });

    it('rotates again and again, each new refresh token working once', async () => {
      const user = await createUser(t.http);
      let refreshToken = user.refreshToken;
      const seen = new Set([refreshToken]);
      for (let i = 0; i < 3; i++) {
        const res = await post('refresh', { refresh_token: refreshToken }).expect(200);
        refreshToken = (res.body as AuthBody).refresh_token;
        expect(seen.has(refreshToken)).toBe(false);
        seen.add(refreshToken);
        await getUser((res.body as AuthBody).access_token).expect(200);
      }
    });

    it('ends the session when a rotated refresh token is reused', async () => {
      const user = await createUser(t.http);
      const first = await post('refresh', { refresh_token: user.refreshToken }).expect(200);
      const second = await post('refresh', {
        refresh_token: (first.body as AuthBody).refresh_token,
      }).expect(200);
      const newest = second.body as AuthBody;
      await getUser(newest.access_token).expect(200);

      // Replaying the first, long-rotated token: a sign of theft.
      expectError(
        await post('refresh', { refresh_token: user.refreshToken }),
        401,
        'invalid_token',
      );
      expectError(
        await post('refresh', { refresh_token: newest.refresh_token }),
        401,
        'invalid_token',
      );
      expectError(await getUser(newest.access_token), 401, 'invalid_token');
      expectError(await getUser(user.accessToken), 401, 'invalid_token');
    });

    it('lets exactly one of two concurrent refreshes with the same token succeed', async () => {
      const user = await createUser(t.http);
      const results = await Promise.all([
        post('refresh', { refresh_token: user.refreshToken }),
        post('refresh', { refresh_token: user.refreshToken }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      const loser = results.find((r) => r.status === 401);
      expect(loser && (loser.body as { code: string }).code).toBe('invalid_token');
    });

    it('does not touch other sessions of the same user', async () => {
      const user = await createUser(t.http);
      const other = await signIn(t.http, user.email, user.password);
      const first = await post('refresh', { refresh_token: user.refreshToken }).expect(200);
      await post('refresh', { refresh_token: (first.body as AuthBody).refresh_token }).expect(200);
      // Reuse kills the first session only.
      expectError(
        await post('refresh', { refresh_token: user.refreshToken }),
        401,
        'invalid_token',
      );
      await getUser(other.accessToken).expect(200);
      await post('refresh', { refresh_token: other.refreshToken }).expect(200);
    });

    it.each([
      ['a garbage token', 'garbage'],
      ['an unknown session', `00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}`],
      ['an access token', 'ACCESS'],
    ])('refuses %s with 401 invalid_token', async (_name, token) => {
      const user = await createUser(t.http);
      const refreshToken = token === 'ACCESS' ? user.accessToken : token;
      expectError(await post('refresh', { refresh_token: refreshToken }), 401, 'invalid_token');
    });

    it('does not let a forged token for a known session id end that session', async () => {
      const user = await createUser(t.http);
      // The session id is readable in every access token; the rest of a token is not guessable.
      const sessionId = claimsOf(user.accessToken).sid;
      for (const forged of [
        `${sessionId}.0.${'A'.repeat(43)}.${'B'.repeat(43)}`,
        `${sessionId}.${'A'.repeat(43)}`,
        `${user.refreshToken.split('.').slice(0, 3).join('.')}.${'C'.repeat(43)}`,
      ]) {
        expectError(await post('refresh', { refresh_token: forged }), 401, 'invalid_token');
      }
      await getUser(user.accessToken).expect(200);
      await post('refresh', { refresh_token: user.refreshToken }).expect(200);
    });

    it('answers an API key with 403 user_session_required, like every session endpoint', async () => {
      const user = await createUser(t.http);
      const { key } = await createApiKey(t.http, user);
      expectError(
        await post('refresh', { refresh_token: user.refreshToken }).set('X-API-Key', key),
        403,
        'user_session_required',
      );
      // The refresh token was not spent by the refused request.
      await post('refresh', { refresh_token: user.refreshToken }).expect(200);
    });

    it('refuses a missing refresh_token with 400 validation_failed', async () => {
      const res = await post('refresh', {});
      expectError(res, 400, 'validation_failed');
      expect((res.body as { details: { field: string }[] }).details.map((d) => d.field)).toContain(
        'refresh_token',
      );
    });
  });

  describe('POST /auth/signout', () => {
    it('ends that session only: its access and refresh tokens stop working', async () => {
      const user = await createUser(t.http);
      const other = await signIn(t.http, user.email, user.password);

      const res = await request(t.http)
        .post(`${API}/auth/signout`)
        .set(...bearer(user.accessToken))
        .expect(200);
      expect(Object.keys(res.body as object)).toEqual(['message']);
      expect(typeof (res.body as { message: unknown }).message).toBe('string');

      expectError(await getUser(user.accessToken), 401, 'invalid_token');
      expectError(
        await post('refresh', { refresh_token: user.refreshToken }),
        401,
        'invalid_token',
      );
      expectError(
        await request(t.http)
          .post(`${API}/auth/signout`)
          .set(...bearer(user.accessToken)),
        401,
        'invalid_token',
      );

      // The same user's other session is untouched.
      await getUser(other.accessToken).expect(200);
      await post('refresh', { refresh_token: other.refreshToken }).expect(200);
    });

    it('needs credentials', async () => {
      expectError(await request(t.http).post(`${API}/auth/signout`), 401, 'missing_credentials');
    });
  });

  describe('secrets at rest and in logs', () => {
    it('stores refresh tokens only as hashes', async () => {
      const user = await createUser(t.http);
      const refreshed = await post('refresh', { refresh_token: user.refreshToken }).expect(200);
      const current = (refreshed.body as AuthBody).refresh_token;
      const sid = claimsOf(user.accessToken).sid;

      const rows: Record<string, unknown>[] = await t.dataSource.query(
        'SELECT * FROM sessions WHERE id = $1',
        [sid],
      );
      expect(rows).toHaveLength(1);
      const row = rows[0];
      expect(row.user_id).toBe(user.id);
      expect(row.refresh_token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.refresh_token_hash).not.toBe(current);

      const all: Record<string, unknown>[] = await t.dataSource.query('SELECT * FROM sessions');
      const dump = JSON.stringify(all);
      for (const token of [user.refreshToken, current]) {
        const secret = token.split('.').pop() as string;
        expect(secret.length).toBeGreaterThanOrEqual(32);
        expect(dump).not.toContain(token);
        expect(dump).not.toContain(secret);
      }
    });

    it('stores passwords only as argon2id hashes (m=19456, t=2, p=1)', async () => {
      const user = await createUser(t.http);
      const rows: Record<string, unknown>[] = await t.dataSource.query(
        'SELECT * FROM users WHERE id = $1',
        [user.id],
      );
      expect(rows).toHaveLength(1);
      expect(String(rows[0].password_hash)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(JSON.stringify(rows)).not.toContain(user.password);
    });

    it('never writes passwords or tokens to the logs', async () => {
      const email = uniqueEmail('logs');
      const password = `log scan passphrase ${randomBytes(6).toString('hex')}`;
      const user = await createUser(t.http, { email, password });
      const signedIn = await signIn(t.http, email, password);
      await post('signin', { email, password: `${password} wrong` }).expect(401);
      const refreshed = await post('refresh', { refresh_token: signedIn.refreshToken }).expect(200);
      await getUser(user.accessToken).expect(200);

      const logs = t.logs.join('\n');
      // The capture works: the requests above were logged.
      expect(logs).toContain('/api/v1/auth/refresh');
      const secrets = [
        password,
        user.accessToken,
        user.refreshToken,
        signedIn.accessToken,
        signedIn.refreshToken,
        (refreshed.body as AuthBody).access_token,
        (refreshed.body as AuthBody).refresh_token,
      ];
      for (const secret of secrets) expect(logs).not.toContain(secret);
    });
  });

  describe('API keys on auth endpoints', () => {
    let owner: TestUser;
    beforeAll(async () => {
      owner = await createUser(t.http);
    });

    it('a key with read:users reads its owner through GET /auth/user', async () => {
      const { key } = await createApiKey(t.http, owner, { scopes: ['read:users'] });
      const viaHeader = await request(t.http)
        .get(`${API}/auth/user`)
        .set('X-API-Key', key)
        .expect(200);
      expect(viaHeader.body).toMatchObject({ id: owner.id, email: owner.email, role: 'user' });
      const viaBearer = await getUser(key).expect(200);
      expect((viaBearer.body as UserBody).id).toBe(owner.id);
    });

    it('a key cannot sign out (403 user_session_required)', async () => {
      const { key } = await createApiKey(t.http, owner, { scopes: ['read:users'] });
      const res = await request(t.http).post(`${API}/auth/signout`).set('X-API-Key', key);
      expectError(res, 403, 'user_session_required');
      // The owner's session is unaffected.
      await getUser(owner.accessToken).expect(200);
    });

    it('a key without read:users gets 403 insufficient_scope on GET /auth/user', async () => {
      const { key } = await createApiKey(t.http, owner, { scopes: ['verify:api-keys'] });
      const res = await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key);
      expectError(res, 403, 'insufficient_scope');
    });
  });
});

describe('admin bootstrap from ADMIN_EMAIL + ADMIN_PASSWORD (e2e)', () => {
  const adminPassword = 'operator passphrase for the admin 1';
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string> = {}): Promise<TestApp> => {
    const app = await startTestApp(env);
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  const roleOf = async (t: TestApp, email: string, password: string): Promise<string> => {
    const res = await request(t.http)
      .post(`${API}/auth/signin`)
      .send({ email, password })
      .expect(200);
    return (res.body as AuthBody).user.role;
  };

  it('creates an admin at start-up, and keeps it admin on the next start', async () => {
    const email = uniqueEmail('admin');
    const first = await start({ ADMIN_EMAIL: email, ADMIN_PASSWORD: adminPassword });
    expect(await roleOf(first, email, adminPassword)).toBe('admin');

    const second = await start({ ADMIN_EMAIL: email, ADMIN_PASSWORD: adminPassword });
    expect(await roleOf(second, email, adminPassword)).toBe('admin');
    const rows: { role: string }[] = await second.dataSource.query(
      'SELECT role FROM users WHERE email = $1',
      [email],
    );
    expect(rows).toEqual([{ role: 'admin' }]);
  });

  it('promotes an existing user (matched case-insensitively) and sets its password', async () => {
    const plain = await start();
    const user = await createUser(plain.http);
    expect(await roleOf(plain, user.email, user.password)).toBe('user');

    const promoted = await start({
      ADMIN_EMAIL: user.email.toUpperCase(),
      ADMIN_PASSWORD: adminPassword,
    });
    const res = await request(promoted.http)
      .post(`${API}/auth/signin`)
      .send({ email: user.email, password: adminPassword })
      .expect(200);
    expect((res.body as AuthBody).user).toMatchObject({ id: user.id, role: 'admin' });
    const me = await request(promoted.http)
      .get(`${API}/auth/user`)
      .set(...bearer((res.body as AuthBody).access_token))
      .expect(200);
    expect((me.body as UserBody).role).toBe('admin');

    const rows: unknown[] = await promoted.dataSource.query(
      'SELECT id FROM users WHERE lower(email) = $1',
      [user.email],
    );
    expect(rows).toHaveLength(1);
  });
});
