import request from 'supertest';
import { expectError } from '../../helpers/contract';
import { API, bearer, createUser } from '../../helpers/factories';
import { redisEnv, startListeningApp } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/** An account deleted while keys are being created for it: every answer is a clean one. */
describe('creating API keys while their owner is deleted (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // On a server, a connection for every request of a round: what is under test is the race at
    // the owner's row, not how long 25 requests queue for a pool of 5 on a busy machine (past
    // 3 s, a 503). The embedded database keeps its one connection (several interleave there).
    const pool: Record<string, string> = process.env.DATABASE_URL ? { DB_POOL_SIZE: '32' } : {};
    t = await startListeningApp({ ...redisEnv(), ...pool });
  });
  afterAll(() => t.close());

  it('answers each create with 201, 401 or 404, never a 5xx', async () => {
    const REQUESTS = 24;
    for (let round = 0; round < 4; round++) {
      const user = await createUser(t.http);
      const create = (): request.Test =>
        request(t.http)
          .post(`${API}/api-keys`)
          .set(...bearer(user.accessToken))
          .send({ name: `racer ${round}`, scopes: ['read:users'] });
      const del = request(t.http)
        .delete(`${API}/users/${user.id}`)
        .set(...bearer(user.accessToken));
      const half = REQUESTS / 2;
      const answers = await Promise.all([
        ...Array.from({ length: half }, create),
        del,
        ...Array.from({ length: half }, create),
      ]);
      expect(answers[half].status).toBe(200);
      for (const [i, res] of answers.entries()) {
        if (i === half) continue;
        expect(res.status).toBeLessThan(500);
        if (res.status === 201) continue;
        expect([401, 404]).toContain(res.status);
        expectError(res, res.status, res.status === 401 ? 'invalid_token' : 'not_found');
      }
      const left = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM api_keys WHERE user_id = $1',
        [user.id],
      );
      expect(left[0].n).toBe(0);
    }
  });
});
