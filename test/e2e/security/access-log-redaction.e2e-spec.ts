import request from 'supertest';
import { generateApiKey, visiblePrefix } from '../../../src/api-keys/api-key-format';
import { API, createUser, type TestUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/** A key pasted into a URL must not reach the logs; enough of it stays to tell which key it was. */
describe('access log and keys in URLs', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ LOG_REFUSALS_PER_SECOND: '1000' });
    user = await createUser(t.http);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Percent-encodes every character, as a client or proxy might. */
  const encodeAll = (text: string): string =>
    [...text].map((c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).join('');

  interface AccessLine {
    reqId?: string;
    msg?: string;
    req: { path: string };
  }

  /** The access line of the answer `res`, parsed. */
  function accessLine(res: request.Response): AccessLine {
    const id = res.headers['x-request-id'];
    const line = t.logs
      .map((text) => JSON.parse(text) as AccessLine)
      .find((entry) => entry.reqId === id && entry.msg === 'request completed');
    expect(line).toBeDefined();
    return line!;
  }

  /** No line of the log holds the key's secret part, raw or encoded. */
  function expectNotLogged(key: string): void {
    const secret = key.slice(visiblePrefix(key).length);
    const leaks = t.logs.filter(
      (line) => line.includes(secret) || line.includes(encodeAll(secret)) || line.includes(key),
    );
    expect(leaks).toEqual([]);
  }

  it.each([
    ['a key route, with a session', (key: string) => `${API}/api-keys/${key}`, true, 400],
    ['a key route, without credentials', (key: string) => `${API}/api-keys/${key}`, false, 401],
    ['an unknown path', (key: string) => `${API}/no-such-thing/${key}/more`, false, 404],
    [
      'an unknown path, the key percent-encoded',
      (key: string) => `/x/${encodeAll(key)}`,
      false,
      404,
    ],
    [
      'an unknown path, the underscore percent-encoded',
      (key: string) => `/x/${key.replace('_', '%5f')}`,
      false,
      404,
    ],
  ])('redacts a key in the path of %s', async (_title, path, withSession, status) => {
    const key = generateApiKey();
    const call = request(t.http).get(path(key));
    if (withSession) void call.set('Authorization', `Bearer ${user.accessToken}`);
    const res = await call;
    expect(res.status).toBe(status);
    const logged = accessLine(res).req.path;
    expect(logged).toContain('[redacted]');
    expect(logged).toContain('kw_');
    expectNotLogged(key);
  });

  it('keeps the visible prefix of a key in a plain path, for tracing which key leaked', async () => {
    const key = generateApiKey();
    const res = await request(t.http).get(`${API}/api-keys/${key}`).expect(401);
    expect(accessLine(res).req.path).toBe(`${API}/api-keys/${visiblePrefix(key)}[redacted]`);
  });

  it('logs no query string value', async () => {
    const key = generateApiKey();
    const res = await request(t.http).get(`/x/y?api_key=${key}&token=${encodeAll(key)}`);
    expect(res.status).toBe(404);
    expect(accessLine(res).req.path).toBe('/x/y');
    expectNotLogged(key);
  });

  it('leaves paths without keys as they are', async () => {
    const res = await request(t.http).get(`${API}/no-such-thing/framework_x`).expect(404);
    expect(accessLine(res).req.path).toBe(`${API}/no-such-thing/framework_x`);
  });
});
