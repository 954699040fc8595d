import request from 'supertest';
import { expectError } from '../../helpers/contract';
import { API, type TestUser } from '../../helpers/factories';
import { startAppWithAdmin } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * Pagination numbers too large for the database (PostgreSQL's OFFSET is a bigint) or for a
 * JavaScript number to hold exactly are the caller's mistake: a 400 naming the field, never a
 * 500 from the query.
 */
const MAX_OFFSET = 2_147_483_647;

describe('pagination bounds on GET /users', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    ({ t, admin } = await startAppWithAdmin());
  });
  afterAll(() => t.close());

  const list = (query: string): request.Test =>
    request(t.http).get(`${API}/users${query}`).set('Authorization', `Bearer ${admin.accessToken}`);

  it.each([
    '99999999999999999999',
    '9223372036854775807',
    '9007199254740993',
    '1e300',
    String(MAX_OFFSET + 1),
  ])('refuses offset=%s with 400 validation_failed on offset', async (offset) => {
    const res = await list(`?offset=${offset}`);
    expectError(res, 400, 'validation_failed');
    expect(res.body).toMatchObject({ details: [{ field: 'offset' }] });
  });

  it.each(['99999999999999999999', '1e300'])(
    'refuses limit=%s with 400 validation_failed on limit',
    async (limit) => {
      const res = await list(`?limit=${limit}`);
      expectError(res, 400, 'validation_failed');
      expect(res.body).toMatchObject({ details: [{ field: 'limit' }] });
    },
  );

  it('answers the largest allowed offset with an empty page and the total', async () => {
    const res = await list(`?offset=${MAX_OFFSET}`).expect(200);
    expect(res.body).toEqual({ users: [], total: expect.any(Number) as unknown });
  });
});
