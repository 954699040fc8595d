import request from 'supertest';
import { API, bearer, createUser, sleep } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

const describeEmbedded = process.env.DATABASE_URL ? describe.skip : describe;
const EMBEDDED_TAG = process.env.DATABASE_URL ? ' [skipped: DATABASE_URL set]' : '';

/**
 * The embedded database is served over one pooled connection (useOneConnection), so requests
 * take turns on it. A turn that comes later than a server pool's 3 s wait is load, not a
 * database gone: the request is answered when it comes (within EMBEDDED_CONNECTION_WAIT_MS), not
 * refused with a 503.
 */
describeEmbedded(`embedded database: one connection, taken in turns${EMBEDDED_TAG}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers a request that waited more than 3 s for the connection', async () => {
    const user = await createUser(t.http);
    // Holds the pool's only connection, as a long run of other requests' statements would.
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    let waiting: Promise<request.Response>;
    try {
      waiting = request(t.http)
        .get(`${API}/api-keys`)
        .set(...bearer(user.accessToken))
        .then((res) => res);
      await sleep(3500);
    } finally {
      await holder.release();
    }
    const res = await waiting;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ api_keys: [] });
  });
});
