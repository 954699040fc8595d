import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../../helpers/test-app';

interface Media {
  schema?: { $ref?: string };
  example?: { code?: string };
}
interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { description: string; content?: Record<string, Media> }>;
}
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
};

const committed = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'openapi.json'), 'utf8'),
) as Document;

const operations = Object.entries(committed.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ path, method, op })),
);

describe('openapi.json', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is the document the running server serves at /docs-json', async () => {
    const res = await request(t.http).get('/docs-json').expect(200);
    expect(res.body).toEqual(committed);
  });

  it('has every operation the client uses', () => {
    expect(operations.map(({ op }) => op.operationId)).toEqual(
      expect.arrayContaining([
        'createApiKey',
        'deleteApiKey',
        'getApiKey',
        'getUser',
        'listApiKeys',
        'liveness',
        'login',
        'readiness',
        'refresh',
        'revokeApiKey',
        'signIn',
        'signOut',
        'signUp',
        'updateApiKey',
      ]) as unknown,
    );
  });

  it('describes every error answer with the error schema and an example code', () => {
    expect(Object.keys(committed.components.securitySchemes).sort()).toEqual(['api_key', 'bearer']);
    const problems: string[] = [];
    for (const { path, method, op } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      if (path.startsWith('/api/v1/') && !op.responses.default)
        problems.push(`${where}: no default`);
      for (const [status, response] of Object.entries(op.responses)) {
        if (!response.description) problems.push(`${where} ${status}: no description`);
        // readiness answers 503 with terminus's own health-check body
        if (!/^(default|[45]\d\d)$/.test(status) || op.operationId === 'readiness') continue;
        const media = response.content?.['application/json'];
        if (media?.schema?.$ref !== '#/components/schemas/ErrorResponse') {
          problems.push(`${where} ${status}: not the error schema`);
        }
        if (!/^[a-z]+(_[a-z]+)*$/.test(media?.example?.code ?? '')) {
          problems.push(`${where} ${status}: no example code`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
