import request from 'supertest';
import { expectError } from '../../helpers/contract';
import { API, bearer, createApiKey, createUser, type TestUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const BODY_LIMIT = 16 * 1024;

describe('HTTP edges: errors, headers, CORS, docs', () => {
  let t: TestApp;
  let user: TestUser;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp();
    user = await createUser(t.http);
    key = (await createApiKey(t.http, user)).key;
  });
  afterAll(() => t.close());

  describe('error answers', () => {
    it('answers malformed JSON with 400 invalid_json', async () => {
      const res = await request(t.http)
        .post(`${API}/auth/signin`)
        .set('Content-Type', 'application/json')
        .send('{"email": "a@example.com", "password": ');
      expectError(res, 400, 'invalid_json');
    });

    it('reads an empty body declared as JSON as no body (SDKs send the header on every call)', async () => {
      // Sign-in needs a body: the answer is a validation failure, not invalid JSON.
      const signin = await request(t.http)
        .post(`${API}/auth/signin`)
        .set('Content-Type', 'application/json');
      expectError(signin, 400, 'validation_failed');
      // Sign-out and key deletion take none: they must work as the Fluxbase SDK sends them.
      const user = await createUser(t.http);
      const { id } = await createApiKey(t.http, user);
      await request(t.http)
        .delete(`${API}/api-keys/${id}`)
        .set('Authorization', `Bearer ${user.accessToken}`)
        .set('Content-Type', 'application/json')
        .expect(200);
      await request(t.http)
        .post(`${API}/auth/signout`)
        .set('Authorization', `Bearer ${user.accessToken}`)
        .set('Content-Type', 'application/json')
        .expect(200);
      expectError(
        await request(t.http)
          .get(`${API}/auth/user`)
          .set('Authorization', `Bearer ${user.accessToken}`),
        401,
        'invalid_token',
      );
    });

    it('refuses a body on the bodiless endpoints (revoke, sign-out) instead of ignoring it', async () => {
      const user = await createUser(t.http);
      const { id, key } = await createApiKey(t.http, user);
      const revoke = await request(t.http)
        .post(`${API}/api-keys/${id}/revoke`)
        .set('Authorization', `Bearer ${user.accessToken}`)
        .send({ reason: 'typo for something else' });
      expectError(revoke, 400, 'validation_failed');
      expect((revoke.body as { details: { field: string }[] }).details[0].field).toBe('reason');
      // Nothing happened: the key still works.
      await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key).expect(200);
      expectError(
        await request(t.http)
          .post(`${API}/auth/signout`)
          .set('Authorization', `Bearer ${user.accessToken}`)
          .send({ everywhere: true }),
        400,
        'validation_failed',
      );
      await request(t.http)
        .post(`${API}/api-keys/${id}/revoke`)
        .set('Authorization', `Bearer ${user.accessToken}`)
        .send({})
        .expect(200);
    });

    it('answers a text/plain body with 415 unsupported_media_type', async () => {
      const res = await request(t.http)
        .post(`${API}/auth/signin`)
        .set('Content-Type', 'text/plain')
        .send('{"email":"a@example.com","password":"correct horse battery staple 42"}');
      expectError(res, 415, 'unsupported_media_type');
    });

    it('answers a form-urlencoded body with 415 unsupported_media_type', async () => {
      const res = await request(t.http)
        .post(`${API}/auth/signin`)
        .type('form')
        .send({ email: 'a@example.com', password: 'correct horse battery staple 42' });
      expectError(res, 415, 'unsupported_media_type');
    });

    it('answers a body over 16 kB with 413 payload_too_large, and takes one just under', async () => {
      const over = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(BODY_LIMIT) });
      expect(Buffer.byteLength(over)).toBeGreaterThan(BODY_LIMIT);
      const res = await request(t.http)
        .post(`${API}/auth/signin`)
        .set('Content-Type', 'application/json')
        .send(over);
      expectError(res, 413, 'payload_too_large');

      // Just under the limit the body is parsed (and then refused on its merits, not its size).
      const under = JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(16_000) });
      expect(Buffer.byteLength(under)).toBeLessThan(BODY_LIMIT);
      const ok = await request(t.http)
        .post(`${API}/auth/signin`)
        .set('Content-Type', 'application/json')
        .send(under);
      expect(ok.status).not.toBe(413);
      expect(ok.status).toBeLessThan(500);
    });

    it.each([
      ['GET', `${API}/no-such-route`],
      ['GET', '/no-such-route'],
      ['POST', `${API}/auth/no-such-action`],
      ['PUT', `${API}/api-keys`],
    ])('answers %s %s with 404 not_found', async (method, path) => {
      const res = await request(t.http)[method.toLowerCase() as 'get' | 'post' | 'put'](path);
      expectError(res, 404, 'not_found');
    });

    it('answers a validation failure with details in the contract shape', async () => {
      const res = await request(t.http)
        .post(`${API}/api-keys`)
        .set(...bearer(user.accessToken))
        .send({ name: '', scopes: ['read:users', 'read:everything'], surprise: true });
      expectError(res, 400, 'validation_failed');
      const fields = (res.body as { details: { field: string }[] }).details.map((d) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'scopes[1]', 'surprise']));
    });

    it('answers a malformed id with 400 invalid_id', async () => {
      const res = await request(t.http)
        .get(`${API}/api-keys/not-a-uuid'--`)
        .set(...bearer(user.accessToken));
      expectError(res, 400, 'invalid_id');
    });

    it('answers missing and bad credentials with 401 in the contract shape', async () => {
      expectError(await request(t.http).get(`${API}/auth/user`), 401, 'missing_credentials');
      expectError(
        await request(t.http)
          .get(`${API}/auth/user`)
          .set(...bearer('not.a.jwt')),
        401,
        'invalid_token',
      );
      expectError(
        await request(t.http)
          .get(`${API}/auth/user`)
          .set('X-API-Key', `${key.slice(0, -1)}x`),
        401,
        'invalid_api_key',
      );
    });

    it('answers a NUL character the database cannot store with 400, not a 500', async () => {
      // PostgreSQL refuses U+0000 in text and jsonb; that is the caller's input, not our bug.
      const signin = await request(t.http)
        .post(`${API}/auth/signin`)
        .send({ email: 'nul\u0000@example.com', password: 'correct horse battery staple 42' });
      expect(signin.status).toBe(400);
      expectError(signin, 400, 'validation_failed');

      const signup = await request(t.http)
        .post(`${API}/auth/signup`)
        .send({
          email: `nul-${Date.now()}@example.com`,
          password: 'correct horse battery staple 42',
          metadata: { note: 'a\u0000b' },
        });
      expect(signup.status).toBe(400);
      expectError(signup, 400, 'validation_failed');
    });
  });

  describe('security headers', () => {
    it('sends nosniff, no X-Powered-By and Cache-Control: no-store on /api answers', async () => {
      const answers = [
        await request(t.http)
          .get(`${API}/api-keys`)
          .set(...bearer(user.accessToken)),
        await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key),
        await request(t.http).get(`${API}/auth/user`),
        await request(t.http).get(`${API}/no-such-route`),
        await request(t.http)
          .post(`${API}/auth/signin`)
          .send({ email: user.email, password: user.password }),
      ];
      expect(answers.map((r) => r.status)).toEqual([200, 200, 401, 404, 200]);
      for (const res of answers) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-powered-by']).toBeUndefined();
        expect(res.headers['cache-control']).toBe('no-store');
      }
    });

    it('sends nosniff and no X-Powered-By outside /api too', async () => {
      for (const path of ['/health', '/no-such-route', '/docs']) {
        const res = await request(t.http).get(path);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });
  });

  describe('X-Request-Id', () => {
    it('echoes a sane caller id and uses it in the logs', async () => {
      const id = `trace-${Date.now()}_abc.DEF`;
      const res = await request(t.http).get('/health/ready').set('X-Request-Id', id).expect(200);
      expect(res.headers['x-request-id']).toBe(id);
      const err = await request(t.http).get(`${API}/auth/user`).set('X-Request-Id', `${id}-2`);
      expect(err.headers['x-request-id']).toBe(`${id}-2`);
      expect(t.logs.some((line) => line.includes(`"${id}-2"`))).toBe(true);
    });

    it.each([
      ['with spaces and markup', 'bad id <script>'],
      ['too long', 'a'.repeat(65)],
      ['with a CRLF-ish payload', 'abc%0d%0aSet-Cookie:x=1'],
    ])('replaces an insane caller id (%s) with a generated UUID', async (_label, sent) => {
      const res = await request(t.http).get('/health').set('X-Request-Id', sent).expect(200);
      expect(res.headers['x-request-id']).toMatch(UUID_V4);
      expect(res.headers['x-request-id']).not.toBe(sent);
    });

    it('generates a fresh UUID per request when none is sent', async () => {
      const a = await request(t.http).get('/health').expect(200);
      const b = await request(t.http).get(`${API}/auth/user`).expect(401);
      expect(a.headers['x-request-id']).toMatch(UUID_V4);
      expect(b.headers['x-request-id']).toMatch(UUID_V4);
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    });
  });

  describe('CORS', () => {
    const preflight = (app: TestApp, origin: string) =>
      request(app.http)
        .options(`${API}/api-keys`)
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');

    it('is off by default: no Access-Control-Allow-Origin on preflights or answers', async () => {
      const pre = await preflight(t, 'https://app.example.com');
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
      const get = await request(t.http)
        .get(`${API}/api-keys`)
        .set('Origin', 'https://app.example.com')
        .set(...bearer(user.accessToken))
        .expect(200);
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    });

    describe('with CORS_ORIGINS set', () => {
      let cors: TestApp;
      beforeAll(async () => {
        cors = await startTestApp({ CORS_ORIGINS: 'https://app.example.com' });
      });
      afterAll(() => cors.close());

      it('allows a preflight from a listed origin', async () => {
        const res = await preflight(cors, 'https://app.example.com');
        expect(res.status).toBeGreaterThanOrEqual(200);
        expect(res.status).toBeLessThan(300);
        expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
        expect(res.headers['access-control-allow-methods']).toMatch(/POST/);
        expect(res.headers['access-control-allow-headers']?.toLowerCase()).toMatch(/authorization/);
      });

      it('allows the actual request from a listed origin', async () => {
        const res = await request(cors.http)
          .get(`${API}/api-keys`)
          .set('Origin', 'https://app.example.com')
          .set(...bearer(user.accessToken))
          .expect(200);
        expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
      });

      it('lets browser code read the limit, credit and request-id headers of a keyed answer', async () => {
        const res = await request(cors.http)
          .get(`${API}/auth/user`)
          .set('Origin', 'https://app.example.com')
          .set('X-API-Key', key)
          .expect(200);
        expect(res.headers['x-ratelimit-remaining']).toBeDefined();
        const exposed = (res.headers['access-control-expose-headers'] ?? '')
          .toLowerCase()
          .split(/,\s*/);
        for (const header of [
          'x-ratelimit-limit',
          'x-ratelimit-remaining',
          'x-ratelimit-reset',
          'retry-after',
          'x-credits-remaining',
          'x-request-id',
        ]) {
          expect([header, exposed.includes(header)]).toEqual([header, true]);
        }
      });

      it('allows Last-Event-ID on a preflight for the key change stream', async () => {
        const res = await request(cors.http)
          .options(`${API}/api-keys/events`)
          .set('Origin', 'https://app.example.com')
          .set('Access-Control-Request-Method', 'GET')
          .set('Access-Control-Request-Headers', 'x-api-key,last-event-id');
        expect(res.headers['access-control-allow-headers']?.toLowerCase()).toMatch(/last-event-id/);
      });

      it.each(['https://evil.example.com', 'https://app.example.com.evil.test', 'null'])(
        'does not allow origin %s',
        async (origin) => {
          const pre = await preflight(cors, origin);
          expect(pre.headers['access-control-allow-origin']).toBeUndefined();
          const get = await request(cors.http)
            .get(`${API}/api-keys`)
            .set('Origin', origin)
            .set(...bearer(user.accessToken));
          expect(get.headers['access-control-allow-origin']).toBeUndefined();
        },
      );
    });
  });

  describe('credentials in the query string', () => {
    it.each([
      ['api_key', () => key],
      ['apiKey', () => key],
      ['key', () => key],
      ['access_token', () => user.accessToken],
      ['token', () => user.accessToken],
    ])(
      'ignores ?%s=... (401 missing_credentials) and keeps it out of the logs',
      async (name, value) => {
        const secret = value();
        const res = await request(t.http).get(
          `${API}/auth/user?${name}=${encodeURIComponent(secret)}`,
        );
        expectError(res, 401, 'missing_credentials');
        const requestId = String(res.headers['x-request-id']);
        // The request was logged (so the check below is not vacuous), without its query string.
        const lines = t.logs.filter((line) => line.includes(requestId));
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.join('\n')).toContain('"/api/v1/auth/user"');
        expect(t.logs.join('\n')).not.toContain(secret);
        expect(t.logs.join('\n')).not.toContain(encodeURIComponent(secret));
      },
    );
  });

  describe('OpenAPI', () => {
    it('serves Swagger UI at /docs', async () => {
      const res = await request(t.http).get('/docs').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toMatch(/swagger-ui/i);
    });

    it('serves an OpenAPI 3 document at /docs-json with both security schemes', async () => {
      const res = await request(t.http).get('/docs-json').expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const doc = res.body as {
        openapi: string;
        paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
        components: { securitySchemes: Record<string, Record<string, string>> };
      };
      expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
      expect(doc.components.securitySchemes.bearer).toMatchObject({
        type: 'http',
        scheme: 'bearer',
      });
      expect(doc.components.securitySchemes.api_key).toMatchObject({
        type: 'apiKey',
        in: 'header',
        name: 'X-API-Key',
      });
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([`${API}/api-keys`, `${API}/auth/signin`]),
      );
      // Key management takes a session only; GET /auth/user also takes a key.
      expect(doc.paths[`${API}/api-keys`].post.security).toEqual([{ bearer: [] }]);
      expect(doc.paths[`${API}/auth/user`].get.security).toEqual(
        expect.arrayContaining([{ bearer: [] }, { api_key: ['read:users'] }]),
      );
      expect(doc.paths[`${API}/auth/signin`].post.security ?? []).toEqual([]);
    });
  });
});
