import { sign } from 'jsonwebtoken';
import request from 'supertest';
import { expectError } from '../../helpers/contract';
import { API, createUser, type TestUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/** A token signed with the real secret is still only as good as the claims it carries. */
describe('access tokens with malformed claims', () => {
  let t: TestApp;
  let user: TestUser;
  let sid: string;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_FAILURE_LIMIT_PER_IP: '1000' });
    user = await createUser(t.http);
    sid = (
      JSON.parse(Buffer.from(user.accessToken.split('.')[1], 'base64url').toString('utf8')) as {
        sid: string;
      }
    ).sid;
  });
  afterAll(async () => {
    await t?.close();
  });

  const signed = (claims: Record<string, unknown>): string =>
    sign(claims, t.config.jwt.secret, {
      algorithm: 'HS256',
      issuer: t.config.jwt.issuer,
      audience: t.config.jwt.audience,
      expiresIn: 60,
    });
  const whoAmI = (token: string): request.Test =>
    request(t.http).get(`${API}/auth/user`).set('Authorization', `Bearer ${token}`);

  it.each([
    ['a session id that is not a UUID', () => ({ sub: user.id, sid: 'not-a-uuid' })],
    ['a user id that is not a UUID', () => ({ sub: "1' OR '1'='1", sid })],
    ['a numeric session id', () => ({ sub: user.id, sid: 12345 })],
    ['an object as user id', () => ({ sub: { id: user.id }, sid })],
  ])('answers 401 invalid_token for %s', async (_title, claims) => {
    expectError(await whoAmI(signed(claims())), 401, 'invalid_token');
  });

  it('still accepts the genuine token', async () => {
    const res = await whoAmI(user.accessToken).expect(200);
    expect((res.body as { id: string }).id).toBe(user.id);
  });
});
