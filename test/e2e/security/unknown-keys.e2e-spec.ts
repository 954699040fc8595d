import request from 'supertest';
import * as keyFormat from '../../../src/api-keys/api-key-format';
import { expectError } from '../../helpers/contract';
import { API, createApiKey, createUser, type TestUser } from '../../helpers/factories';
import {
  describeRedis,
  describeServerPostgres,
  recordSql,
  REDIS_TAG,
  REDIS_URL,
  redisEnv,
  SERVER_PG_TAG,
  startListeningApp,
} from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * A flood of made-up (well-formed) keys must not become a flood of lookups: a digest found
 * unknown is remembered for a while. A key created afterwards is never refused for it, on any
 * instance.
 */

type Http = TestApp['http'];
const whoAmI = (http: Http, key: string): request.Test =>
  request(http).get(`${API}/auth/user`).set('X-API-Key', key);
const keyLookups = (statements: string[]): string[] =>
  statements.filter((s) => /\bapi_keys\b/.test(s));

describe('unknown keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startListeningApp({ ...redisEnv(), AUTH_FAILURE_LIMIT_PER_IP: '1000' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('costs one lookup the first time and none after', async () => {
    const unknown = keyFormat.generateApiKey();
    const sql = recordSql();
    try {
      expectError(await whoAmI(t.http, unknown), 401, 'invalid_api_key');
      expect(keyLookups(sql.take())).toHaveLength(1);
      for (let i = 0; i < 20; i++) {
        expectError(await whoAmI(t.http, unknown), 401, 'invalid_api_key');
      }
      expect(sql.take()).toEqual([]);
    } finally {
      sql.restore();
    }
  });
});

/** B has looked the digest up and found nothing; A then creates exactly that key. */
function createdAfterLookupSuite(env: () => Record<string, string>): void {
  let a: TestApp;
  let b: TestApp;
  let owner: TestUser;
  beforeAll(async () => {
    a = await startListeningApp(env());
    b = await startListeningApp(env());
    owner = await createUser(a.http);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('serves a key created on another instance after its digest was found unknown', async () => {
    const key = keyFormat.generateApiKey();
    expectError(await whoAmI(b.http, key), 401, 'invalid_api_key');
    expectError(await whoAmI(b.http, key), 401, 'invalid_api_key');
    // The server generates keys; here it generates the one B already found unknown.
    const generate = jest.spyOn(keyFormat, 'generateApiKey').mockReturnValueOnce(key);
    try {
      const created = await createApiKey(a.http, owner);
      expect(created.key).toBe(key);
    } finally {
      generate.mockRestore();
    }
    await whoAmI(b.http, key).expect(200);
    await whoAmI(a.http, key).expect(200);
  });

  it('serves a new key on another instance that had just refused an unknown one', async () => {
    expectError(await whoAmI(b.http, keyFormat.generateApiKey()), 401, 'invalid_api_key');
    const { key } = await createApiKey(a.http, owner);
    await whoAmI(b.http, key).expect(200);
  });
}

describeRedis(`unknown keys across two instances, Redis pub/sub${REDIS_TAG}`, () => {
  createdAfterLookupSuite(() => ({ REDIS_URL: REDIS_URL! }));
});

describeServerPostgres(
  `unknown keys across two instances, PostgreSQL LISTEN/NOTIFY${SERVER_PG_TAG}`,
  () => {
    createdAfterLookupSuite(() => ({}));
  },
);
