import request from 'supertest';
import { expectError } from '../../helpers/contract';
import { API, bearer, createUser, sleep } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

interface AuthBody {
  access_token: string;
  refresh_token: string;
}

/**
 * Two uses of one refresh token racing must leave exactly one winner and a live session; a real
 * replay of a rotated token must still end the session.
 */
describe('refresh-token races and replays (e2e)', () => {
  let t: TestApp;
  let shortGrace: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    shortGrace = await startTestApp({ REFRESH_RACE_GRACE_MS: '300' });
  });
  afterAll(async () => {
    await shortGrace.close();
    await t.close();
  });

  const refresh = (app: TestApp, token: string): request.Test =>
    request(app.http).post(`${API}/auth/refresh`).send({ refresh_token: token });
  const me = (app: TestApp, accessToken: string): request.Test =>
    request(app.http)
      .get(`${API}/auth/user`)
      .set(...bearer(accessToken));

  it('two concurrent refreshes with one token: one wins and its new token keeps working', async () => {
    for (let trial = 0; trial < 20; trial++) {
      const user = await createUser(t.http);
      const results = await Promise.all([
        refresh(t, user.refreshToken),
        refresh(t, user.refreshToken),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      const winner = results.find((r) => r.status === 200)!.body as AuthBody;
      const next = await refresh(t, winner.refresh_token);
      expect({ trial, status: next.status }).toEqual({ trial, status: 200 });
    }
  });

  it('a late copy of the token just rotated is refused without ending the session', async () => {
    const user = await createUser(t.http);
    const first = (await refresh(t, user.refreshToken).expect(200)).body as AuthBody;
    expectError(await refresh(t, user.refreshToken), 401, 'invalid_token');
    await me(t, first.access_token).expect(200);
    await refresh(t, first.refresh_token).expect(200);
  });

  it('replaying a token two generations old ends the session', async () => {
    const user = await createUser(t.http);
    const first = (await refresh(t, user.refreshToken).expect(200)).body as AuthBody;
    const second = (await refresh(t, first.refresh_token).expect(200)).body as AuthBody;
    expectError(await refresh(t, user.refreshToken), 401, 'invalid_token');
    expectError(await refresh(t, second.refresh_token), 401, 'invalid_token');
    expectError(await me(t, second.access_token), 401, 'invalid_token');
  });

  it('replaying the token just rotated after the grace ends the session', async () => {
    const user = await createUser(shortGrace.http);
    const first = (await refresh(shortGrace, user.refreshToken).expect(200)).body as AuthBody;
    await sleep(800);
    expectError(await refresh(shortGrace, user.refreshToken), 401, 'invalid_token');
    expectError(await refresh(shortGrace, first.refresh_token), 401, 'invalid_token');
    expectError(await me(shortGrace, first.access_token), 401, 'invalid_token');
  });
});
