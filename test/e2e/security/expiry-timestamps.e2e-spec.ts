import request from 'supertest';
import { expectError } from '../../helpers/contract';
import { API, createApiKey, createUser, type TestUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/**
 * `expires_at` is an RFC 3339 date-time: a date or time that does not exist is refused, not
 * rolled over into another day (`2030-02-31` was stored as 3 March), and every valid form
 * (offsets, fractional seconds, lower-case separators) is kept to the instant it names.
 */
const IMPOSSIBLE = [
  '2030-02-31T00:00:00Z',
  '2030-04-31T12:00:00Z',
  '2031-02-29T12:00:00Z',
  '2030-13-01T00:00:00Z',
  '2030-00-10T00:00:00Z',
  '2030-01-00T00:00:00Z',
  '2030-06-01T24:00:00Z',
  '2030-06-01T23:60:00Z',
  '2030-06-01T23:59:61Z',
  '2030-06-01T12:00:00+24:00',
  '2030-06-01T12:00:00+05:60',
];

const VALID: [string, string][] = [
  ['2032-02-29T12:00:00Z', '2032-02-29T12:00:00.000Z'],
  ['2031-01-01T02:00:00+02:00', '2031-01-01T00:00:00.000Z'],
  ['2030-12-31T23:30:00-05:30', '2031-01-01T05:00:00.000Z'],
  ['2030-06-01T23:59:59.123456789Z', '2030-06-01T23:59:59.123Z'],
  ['2030-06-01t10:00:00.5z', '2030-06-01T10:00:00.500Z'],
  ['2030-06-01T00:00:00+23:59', '2030-05-31T00:01:00.000Z'],
];

describe('expires_at on API keys', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await startTestApp();
    user = await createUser(t.http);
  });
  afterAll(() => t.close());

  const create = (expires_at: string): request.Test =>
    request(t.http)
      .post(`${API}/api-keys`)
      .set('Authorization', `Bearer ${user.accessToken}`)
      .send({ name: 'expiring', scopes: ['read:users'], expires_at });

  it.each(IMPOSSIBLE)('refuses the impossible date-time %s on create', async (expiresAt) => {
    const res = await create(expiresAt);
    expectError(res, 400, 'validation_failed');
    expect(res.body).toMatchObject({ details: [{ field: 'expires_at' }] });
  });

  it('refuses an impossible date-time on update and leaves the key as it was', async () => {
    const { id } = await createApiKey(t.http, user, { expires_at: '2031-01-01T00:00:00Z' });
    const keyApi = (r: request.Test): request.Test =>
      r.set('Authorization', `Bearer ${user.accessToken}`);
    const res = await keyApi(request(t.http).patch(`${API}/api-keys/${id}`)).send({
      expires_at: '2030-02-31T00:00:00Z',
    });
    expectError(res, 400, 'validation_failed');
    expect(res.body).toMatchObject({ details: [{ field: 'expires_at' }] });
    const read = await keyApi(request(t.http).get(`${API}/api-keys/${id}`)).expect(200);
    expect((read.body as { expires_at: string }).expires_at).toBe('2031-01-01T00:00:00.000Z');
  });

  it.each(VALID)('accepts %s as %s', async (expiresAt, stored) => {
    const res = await create(expiresAt).expect(201);
    expect((res.body as { api_key: { expires_at: string } }).api_key.expires_at).toBe(stored);
  });
});
