import { createHash, randomBytes } from 'node:crypto';
import request from 'supertest';
import { digestApiKey, generateApiKey } from '../../../src/api-keys/api-key-format';
import { API, bearer, STRONG_PASSWORD, uniqueEmail } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';

interface AuthBody {
  user: { id: string };
  access_token: string;
  refresh_token: string;
}
interface CreatedKeyBody {
  api_key: { id: string; key_prefix: string };
  key: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every value of every column of every table in the public schema, cast to text. */
async function dumpDatabase(t: TestApp): Promise<{ columns: string[]; text: string }> {
  const columns = await t.dataSource.query<{ table_name: string; column_name: string }[]>(
    `SELECT c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN information_schema.tables tb
         ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
      WHERE c.table_schema = 'public' AND tb.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const chunks: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const rows = await t.dataSource.query<{ v: string | null }[]>(
      `SELECT "${column}"::text AS v FROM "${table}"`,
    );
    for (const row of rows) if (row.v !== null) chunks.push(row.v);
  }
  return {
    columns: columns.map((c) => `${c.table_name}.${c.column_name}`),
    text: chunks.join('\n'),
  };
}

/** Every value stored under a header-like or secret-like property name, anywhere in a log line. */
function sensitiveLogValues(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) sensitiveLogValues(item, out);
  else if (node && typeof node === 'object') {
    for (const [name, value] of Object.entries(node)) {
      if (/^(authorization|x-api-key|cookie|password|refresh_token|access_token)$/i.test(name)) {
        out.push(typeof value === 'string' ? value : JSON.stringify(value));
      }
      sensitiveLogValues(value, out);
    }
  }
  return out;
}

describe('secrets are never stored or logged in clear', () => {
  let t: TestApp;
  const secrets = new Map<string, string>();
  const remember = (label: string, value: string): string => {
    expect(value.length).toBeGreaterThanOrEqual(15);
    secrets.set(label, value);
    return value;
  };
  const adminEmail = uniqueEmail('admin');
  const adminPassword = `admin passphrase ${randomBytes(8).toString('hex')}`;

  let email: string;
  let firstKey: CreatedKeyBody;
  let latestRefresh: string;

  beforeAll(async () => {
    t = await startTestApp({
      // The most verbose level: nothing a debug line might carry may hold a secret either.
      LOG_LEVEL: 'trace',
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
    });
    remember('admin password', adminPassword);
    remember('JWT_SECRET', t.config.jwt.secret);
    remember('KEY_PEPPER', t.config.keyPepper);
  });
  afterAll(() => t.close());

  it('runs a full flow, collecting every secret it sees', async () => {
    const http = t.http;
    email = uniqueEmail('secrets');
    const password = remember('password', `${STRONG_PASSWORD} ${randomBytes(6).toString('hex')}`);

    const tokens = (label: string, body: AuthBody): AuthBody => {
      remember(`${label} access token`, body.access_token);
      remember(`${label} access token signature`, body.access_token.split('.')[2]);
      remember(`${label} refresh token`, body.refresh_token);
      // Its random and MAC parts, whatever the layout; the session id in it may be stored.
      const parts = body.refresh_token.split('.').filter((p) => p.length >= 16 && !UUID.test(p));
      expect(parts.length).toBeGreaterThan(0);
      parts.forEach((part, i) => remember(`${label} refresh token part ${i}`, part));
      return body;
    };

    const signup = tokens(
      'signup',
      (await request(http).post(`${API}/auth/signup`).send({ email, password }).expect(201))
        .body as AuthBody,
    );
    const signin = tokens(
      'signin',
      (await request(http).post(`${API}/auth/signin`).send({ email, password }).expect(200))
        .body as AuthBody,
    );
    const login = tokens(
      'login',
      (
        await request(http)
          .post(`${API}/auth/login`)
          .send({ email: email.toUpperCase(), password })
          .expect(200)
      ).body as AuthBody,
    );
    const refreshed = tokens(
      'refresh',
      (
        await request(http)
          .post(`${API}/auth/refresh`)
          .send({ refresh_token: signin.refresh_token })
          .expect(200)
      ).body as AuthBody,
    );
    latestRefresh = refreshed.refresh_token;
    // Reusing the old refresh token is refused (and ends that session).
    await request(http)
      .post(`${API}/auth/refresh`)
      .send({ refresh_token: signin.refresh_token })
      .expect(401);

    // Failed attempts carry secrets too.
    const wrong = remember('wrong password', `not the password ${randomBytes(6).toString('hex')}`);
    await request(http).post(`${API}/auth/signin`).send({ email, password: wrong }).expect(401);
    const short = remember('too-short password', `Sh0rt${randomBytes(5).toString('hex')}`);
    await request(http)
      .post(`${API}/auth/signup`)
      .send({ email: uniqueEmail('short'), password: short.slice(0, 14) })
      .expect(400);
    const garbled = remember(
      'password in malformed JSON',
      `garbled ${randomBytes(6).toString('hex')}`,
    );
    await request(http)
      .post(`${API}/auth/signin`)
      .set('Content-Type', 'application/json')
      .send(`{"email":"${email}","password":"${garbled}"`)
      .expect(400);

    const session = bearer(login.access_token);
    firstKey = (
      await request(http)
        .post(`${API}/api-keys`)
        .set(...session)
        .send({ name: 'first', scopes: ['read:users', 'verify:api-keys'], description: 'kept' })
        .expect(201)
    ).body as CreatedKeyBody;
    const secondKey = (
      await request(http)
        .post(`${API}/api-keys`)
        .set(...session)
        .send({ name: 'second', scopes: ['read:users', 'write:users'] })
        .expect(201)
    ).body as CreatedKeyBody;
    remember('first key', firstKey.key);
    remember('first key body', firstKey.key.slice(3));
    remember('second key', secondKey.key);
    remember('second key body', secondKey.key.slice(3));

    // Use the keys both ways, and where they are refused.
    await request(http).get(`${API}/auth/user`).set('X-API-Key', firstKey.key).expect(200);
    await request(http)
      .get(`${API}/auth/user`)
      .set(...bearer(firstKey.key))
      .expect(200);
    await request(http).get(`${API}/api-keys`).set('X-API-Key', secondKey.key).expect(403);
    // A key in a body (another service checking the key it received).
    const verified = await request(http)
      .post(`${API}/api-keys/verify`)
      .set('X-API-Key', firstKey.key)
      .send({ key: secondKey.key })
      .expect(200);
    expect(verified.body).toMatchObject({ valid: true, code: 'valid' });
    const unknownKey = remember('unknown well-formed key', generateApiKey());
    await request(http)
      .post(`${API}/api-keys/verify`)
      .set(...bearer(firstKey.key))
      .send({ key: unknownKey })
      .expect(200, { valid: false, code: 'invalid_api_key' });
    await request(http).get(`${API}/auth/user`).set('X-API-Key', unknownKey).expect(401);
    await request(http)
      .get(`${API}/auth/user?api_key=${firstKey.key}&access_token=${refreshed.access_token}`)
      .expect(401);

    await request(http)
      .get(`${API}/auth/user`)
      .set(...bearer(signup.access_token))
      .expect(200);
    await request(http)
      .get(`${API}/api-keys`)
      .set(...session)
      .expect(200);
    await request(http)
      .get(`${API}/api-keys/${firstKey.api_key.id}`)
      .set(...session)
      .expect(200);
    await request(http)
      .patch(`${API}/api-keys/${firstKey.api_key.id}`)
      .set(...session)
      .send({ name: 'first, renamed', description: null, rate_limit_per_minute: 50 })
      .expect(200);
    await request(http)
      .post(`${API}/api-keys/${secondKey.api_key.id}/revoke`)
      .set(...session)
      .expect(200);
    await request(http).get(`${API}/auth/user`).set('X-API-Key', secondKey.key).expect(401);
    await request(http)
      .post(`${API}/auth/signout`)
      .set(...bearer(signup.access_token))
      .expect(200);

    const admin = tokens(
      'admin',
      (
        await request(http)
          .post(`${API}/auth/signin`)
          .send({ email: adminEmail, password: adminPassword })
          .expect(200)
      ).body as AuthBody,
    );
    await request(http)
      .get(`${API}/api-keys?all=true`)
      .set(...bearer(admin.access_token))
      .expect(200);

    expect(secrets.size).toBeGreaterThanOrEqual(30);
  });

  it('stores none of them in any column of any table', async () => {
    const { columns, text } = await dumpDatabase(t);
    // The dump really covers the tables and columns that hold credentials...
    expect(columns).toEqual(
      expect.arrayContaining([
        'users.password_hash',
        'sessions.refresh_token_hash',
        'api_keys.key_hash',
        'api_keys.key_prefix',
      ]),
    );
    expect(text).toContain(email);
    expect(text).toContain(firstKey.api_key.key_prefix);
    expect(text).toContain(digestApiKey(firstKey.key, t.config.keyPepper));
    expect(text).toContain(sha256(latestRefresh));
    expect(text).toMatch(/\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    // ...and finds none of the secrets, nor an unpeppered digest of a key.
    const found = [...secrets].filter(([, value]) => text.includes(value)).map(([label]) => label);
    expect(found).toEqual([]);
    expect(text).not.toContain(sha256(firstKey.key));
  });

  it('logs none of them, and never an Authorization or X-API-Key header in clear', () => {
    const logs = t.logs;
    // The capture works and saw the flow (else the checks below would be vacuous).
    expect(logs.length).toBeGreaterThan(20);
    const all = logs.join('\n');
    for (const path of ['/api/v1/auth/signin', '/api/v1/auth/refresh', '/api/v1/api-keys']) {
      expect(all).toContain(`"${path}"`);
    }
    expect(all).toContain(adminEmail); // "Admin account ensured": Nest Logger lines are captured.

    const found = [...secrets].filter(([, value]) => all.includes(value)).map(([label]) => label);
    expect(found).toEqual([]);
    expect(all).not.toMatch(/Bearer\s+\S/i);
    expect(all).not.toMatch(/kw_[0-9A-Za-z]{20,}/);

    for (const line of logs) {
      const parsed = JSON.parse(line) as unknown; // structured: every line is JSON
      for (const value of sensitiveLogValues(parsed)) expect(value).toBe('[redacted]');
    }
  });
});
