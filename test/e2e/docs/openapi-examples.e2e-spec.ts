import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import {
  API,
  bearer,
  createApiKey,
  createUser,
  STRONG_PASSWORD,
  type TestUser,
} from '../../helpers/factories';
import { ALL_SCOPES, startListeningApp } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * Every error example of the committed document is what the operation really answers: each is
 * provoked over HTTP and the answer compared whole (status, sentence, code, details). So an
 * example never shows a message the code does not give, nor an error the operation cannot give.
 */

interface Operation {
  operationId: string;
  requestBody?: unknown;
  responses: Record<string, { content?: { 'application/json'?: { example?: unknown } } }>;
}
const document = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'openapi.json'), 'utf8'),
) as {
  paths: Record<string, Record<string, Operation>>;
};

/** The bad input behind each operation's 400 `validation_failed` example. */
const INVALID: Record<string, { body?: object; query?: string }> = {
  signUp: { body: { email: 'nope', password: STRONG_PASSWORD } },
  signIn: { body: { email: 'someone@example.com' } },
  login: { body: { email: 'someone@example.com' } },
  refresh: { body: {} },
  signOut: { body: { colour: 'blue' } },
  createApiKey: { body: { name: 'x', scopes: ['read:users', 'read:everything'] } },
  listApiKeys: { query: 'user_id=x' },
  updateApiKey: { body: { rate_limit_per_minute: 0 } },
  rotateApiKey: { body: { grace_period_seconds: -1 } },
  createClientKey: { body: { name: 'x', scopes: ['read:users', 'read:everything'] } },
  listClientKeys: { query: 'user_id=x' },
  updateClientKey: { body: { rate_limit_per_minute: 0 } },
  verifyApiKey: { body: {} },
  listUsers: { query: 'limit=0' },
  updateUser: { body: { role: 'root' } },
  listAuditEvents: { query: 'limit=0' },
  getApiKeyUsage: { query: 'granularity=week' },
  getUsageSummary: { query: 'since=yesterday' },
  createWebhook: { body: { url: 'https://hooks.example.com/', events: ['*'], all: 'yes' } },
  updateWebhook: { body: { enabled: 'yes' } },
  listWebhookDeliveries: { query: 'limit=0' },
};

/**
 * Examples that are not provoked here, and why. `default` and 429 come from the shared error
 * classes; the last admin needs a database where one admin is left, which other suites running
 * on the same database do not guarantee (test/e2e/security/user-roles checks that answer).
 */
const NOT_PROVOKED = new Set([
  'default',
  '429',
  'readiness 503',
  'updateUser 409',
  'deleteUser 409',
]);

describe('OpenAPI error examples', () => {
  let t: TestApp;
  let user: TestUser;
  /** A key with every scope, and keys lacking one scope each. */
  let keyAll: string;
  const keyWithout = new Map<string, string>();

  beforeAll(async () => {
    t = await startListeningApp();
    user = await createUser(t.http);
    keyAll = (await createApiKey(t.http, user, { scopes: ALL_SCOPES })).key;
    for (const scope of ALL_SCOPES) {
      const scopes = ALL_SCOPES.filter((s) => s !== scope);
      keyWithout.set(scope, (await createApiKey(t.http, user, { scopes })).key);
    }
  });
  afterAll(() => t.close());

  /** A request that gets `code` from this operation, with `setup` run first if it needs state. */
  async function provoke(
    method: string,
    path: string,
    op: Operation,
    status: string,
    code: string,
  ): Promise<request.Response> {
    const call = (url: string): request.Test =>
      (request(t.http) as unknown as Record<string, (url: string) => request.Test>)[method](url);
    const at = (id: string): string => path.replace('{id}', id);
    const session = bearer(user.accessToken);
    switch (code) {
      case 'missing_credentials':
        return call(at(randomUUID())).send(op.requestBody ? {} : undefined);
      case 'user_session_required':
        return call(at(randomUUID()))
          .set('X-API-Key', keyAll)
          .send(op.operationId === 'refresh' ? { refresh_token: 'x' } : undefined);
      case 'insufficient_scope': {
        const example = op.responses[status].content!['application/json']!.example as {
          details: { problem: string }[];
        };
        const scope = /'(.+)'/.exec(example.details[0].problem)![1];
        return call(at(randomUUID()))
          .set('X-API-Key', keyWithout.get(scope)!)
          .send(op.requestBody ? {} : undefined);
      }
      case 'invalid_id':
        return call(at('not-a-uuid')).set(...session);
      case 'not_found':
        return call(at(randomUUID()))
          .set(...session)
          .send(op.requestBody ? {} : undefined);
      case 'validation_failed': {
        const bad = INVALID[op.operationId];
        const url = bad.query ? `${at(randomUUID())}?${bad.query}` : at(randomUUID());
        return call(url)
          .set(...session)
          .send(bad.body);
      }
      case 'invalid_credentials':
        return call(path).send({ email: user.email, password: 'not the password at all' });
      case 'invalid_token':
        return call(path).send({ refresh_token: 'not-a-refresh-token' });
      case 'email_taken':
        return call(path).send({ email: user.email, password: STRONG_PASSWORD });
      case 'api_key_revoked': {
        const revoked = await createApiKey(t.http, user, { scopes: ['read:users'] });
        await request(t.http)
          .post(`${API}/api-keys/${revoked.id}/revoke`)
          .set(...session)
          .expect(200);
        return call(at(revoked.id))
          .set(...session)
          .send(op.operationId === 'rotateApiKey' ? {} : { name: 'renamed' });
      }
      case 'key_limit_reached': {
        // The example states the default limit: fill a fresh user's allowance.
        const owner = await createUser(t.http);
        let res: request.Response;
        do {
          res = await call(path)
            .set(...bearer(owner.accessToken))
            .send({ name: 'filler', scopes: ['read:users'] });
        } while (res.status === 201);
        return res;
      }
      default:
        throw new Error(`no way to provoke ${code}`);
    }
  }

  const cases = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, op]) =>
      Object.entries(op.responses)
        .filter(([status]) => /^[45]\d\d$/.test(status) || status === 'default')
        .filter(([status]) => !NOT_PROVOKED.has(status))
        .filter(([status]) => !NOT_PROVOKED.has(`${op.operationId} ${status}`))
        .map(([status, response]) => ({
          path,
          method,
          op,
          status,
          example: response.content?.['application/json']?.example as { code: string },
        })),
    ),
  );

  it('covers the operations', () => {
    expect(cases.length).toBeGreaterThan(40);
  });

  it.each(cases.map((c) => [`${c.op.operationId} ${c.status} ${c.example.code}`, c] as const))(
    '%s: the example is the answer',
    async (_label, { path, method, op, status, example }) => {
      const res = await provoke(method, path, op, status, example.code);
      expect({ status: res.status, body: res.body as unknown }).toEqual({
        status: Number(status),
        body: example,
      });
    },
  );
});
