import request from 'supertest';
import { expectError } from '../../helpers/contract';
import { API, STRONG_PASSWORD, uniqueEmail } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

/**
 * A JSON body must be UTF-8 (RFC 8259). Bytes that are not are malformed JSON, and the answer
 * says so; they are neither replaced with U+FFFD nor reported as a framing problem.
 */
describe('request body encoding', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  // superagent would serialise a Buffer as JSON ({"type":"Buffer",...}): send the bytes as they are.
  const signup = (body: Buffer): request.Test =>
    request(t.http)
      .post(`${API}/auth/signup`)
      .set('Content-Type', 'application/json')
      .serialize((bytes: Buffer) => bytes as unknown as string)
      .send(body);

  it.each([
    ['a stray continuation byte', Buffer.from([0x80])],
    ['a lone 0xff byte', Buffer.from([0xff])],
    ['a truncated three-byte sequence', Buffer.from([0xe2, 0x82])],
    ['an overlong encoding of "/"', Buffer.from([0xc0, 0xaf])],
    ['an encoded UTF-16 surrogate', Buffer.from([0xed, 0xa0, 0x80])],
  ])('answers a body with %s as 400 invalid_json naming UTF-8', async (_what, bad) => {
    const body = Buffer.concat([
      Buffer.from(`{"email": "${uniqueEmail()}", "password": "${STRONG_PASSWORD}`),
      bad,
      Buffer.from('"}'),
    ]);
    const res = await signup(body);
    expectError(res, 400, 'invalid_json');
    expect((res.body as { error: string }).error).toMatch(/UTF-8/);
  });

  it('accepts multi-byte UTF-8 and keeps it exactly', async () => {
    const metadata = { name: 'Zoë ❤️ 𝄞 日本' };
    const res = await signup(
      Buffer.from(
        JSON.stringify({ email: uniqueEmail(), password: STRONG_PASSWORD, metadata }),
        'utf8',
      ),
    ).expect(201);
    expect((res.body as { user: { metadata: unknown } }).user.metadata).toEqual(metadata);
  });

  it('still answers malformed JSON in valid UTF-8 as invalid_json', async () => {
    const res = await signup(Buffer.from('{"email": '));
    expectError(res, 400, 'invalid_json');
  });
});
