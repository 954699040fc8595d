import request from 'supertest';
import { generateApiKey } from '../../../src/api-keys/api-key-format';
import { API } from '../../helpers/factories';
import { redisEnv, startListeningApp } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * Whether a route needs credentials is declared on the route, not learned from traffic: the
 * same request gets the same answer on a fresh instance and after any number of requests.
 */

const malformedKey = (): string => {
  const key = generateApiKey();
  return key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
};

const brokenBodyWithBadKey = (http: TestApp['http']): request.Test =>
  request(http)
    .post(`${API}/api-keys/verify`)
    .set('X-API-Key', malformedKey())
    .set('Content-Type', 'application/json')
    .send('{"key": ');

describe('the same request gets the same answer whatever came before it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startListeningApp({ ...redisEnv(), AUTH_FAILURE_LIMIT_PER_IP: '1000' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers a malformed key with a broken body alike before and after the route was used', async () => {
    const outcome = (res: request.Response): [number, string] => [
      res.status,
      (res.body as { code: string }).code,
    ];
    const fresh = outcome(await brokenBodyWithBadKey(t.http));
    // An ordinary request to the same route, refused for its key.
    await request(t.http)
      .post(`${API}/api-keys/verify`)
      .set('X-API-Key', malformedKey())
      .send({ key: generateApiKey() })
      .expect(401);
    const later = [];
    for (let i = 0; i < 3; i++) later.push(outcome(await brokenBodyWithBadKey(t.http)));
    expect(later).toEqual([fresh, fresh, fresh]);
  });
});
