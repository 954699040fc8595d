import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { API, bearer, createApiKey, createUser, type TestUser } from '../../helpers/factories';
import { startListeningApp } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/** What a newcomer meets in Swagger UI, short of a browser (swagger-ui.e2e-spec.ts drives one). */

interface Media {
  example?: unknown;
}
const document = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'openapi.json'), 'utf8'),
) as {
  info: { description: string };
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, Media> }> }>
  >;
  components: { securitySchemes: Record<string, { description: string }> };
};
const operation = (path: string, method: string) => document.paths[`${API}${path}`][method];

describe('API docs', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await startListeningApp();
    user = await createUser(t.http);
  });
  afterAll(() => t.close());

  it('sends / to Swagger UI', async () => {
    const res = await request(t.http).get('/').expect(302);
    expect(res.headers.location).toBe('/docs');
  });

  it('has Swagger UI keep what was authorized across reloads', async () => {
    const res = await request(t.http).get('/docs/swagger-ui-init.js').expect(200);
    expect(res.text).toMatch(/"persistAuthorization":\s*true/);
  });

  it('shows a new key as never used and not revoked', () => {
    const created = operation('/api-keys', 'post').responses['201'].content!['application/json']
      .example as { api_key: Record<string, unknown>; key: string };
    expect(created.key).toMatch(/^kw_/);
    expect(created.api_key).not.toHaveProperty('revoked_at');
    expect(created.api_key).not.toHaveProperty('last_used_at');
    const listed = operation('/api-keys', 'get').responses['200'].content!['application/json']
      .example as { api_keys: Record<string, unknown>[] };
    for (const key of listed.api_keys) expect(key).not.toHaveProperty('revoked_at');
  });

  it('lists every enum value once (code generators refuse repeats)', () => {
    const repeated: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) {
        node.forEach((item, i) => walk(item, `${path}[${i}]`));
      } else if (node !== null && typeof node === 'object') {
        for (const [name, value] of Object.entries(node)) {
          if (name === 'enum' && Array.isArray(value) && new Set(value).size !== value.length) {
            repeated.push(path);
          }
          walk(value, `${path}.${name}`);
        }
      }
    };
    walk(document, '$');
    expect(repeated).toEqual([]);
  });

  it('says which credential wins, and to paste the token without "Bearer "', () => {
    expect(document.info.description).toMatch(/both headers\s+are sent, `X-API-Key` wins/);
    expect(document.info.description).toContain('/docs-json');
    expect(document.components.securitySchemes.bearer.description).toMatch(/without `Bearer `/);
    expect(document.components.securitySchemes.api_key.description).toMatch(/this one wins/);
  });

  it('answers a doubled "Bearer Bearer <token>" with a hint', async () => {
    const res = await request(t.http)
      .get(`${API}/auth/user`)
      .set('Authorization', `Bearer Bearer ${user.accessToken}`)
      .expect(401);
    expect(res.body).toEqual({
      error:
        'Authorization header says "Bearer" twice: send "Bearer <token>" (in Swagger UI, paste the token alone)',
      code: 'invalid_token',
    });
  });

  it('uses X-API-Key when both headers are sent', async () => {
    const { key } = await createApiKey(t.http, user, { scopes: ['read:users'] });
    // A key that works wins over an Authorization header that would be refused...
    await request(t.http)
      .get(`${API}/auth/user`)
      .set('X-API-Key', key)
      .set('Authorization', 'Bearer not-a-token')
      .expect(200);
    // ...and a key that does not work loses, whatever the session beside it.
    const res = await request(t.http)
      .get(`${API}/auth/user`)
      .set('X-API-Key', 'kw_not-a-key')
      .set(...bearer(user.accessToken))
      .expect(401);
    expect((res.body as { code: string }).code).toBe('invalid_api_key');
  });
});
