import request from 'supertest';
import { API, createApiKey, createUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('signs up, creates a key and reads the user with it', async () => {
    const user = await createUser(t.http);
    const { key } = await createApiKey(t.http, user);
    const res = await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key).expect(200);
    expect(res.body).toMatchObject({ id: user.id, email: user.email });
  });
});
