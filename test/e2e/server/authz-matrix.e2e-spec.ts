import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { generateApiKey } from '../../../src/api-keys/api-key-format';
import {
  AUTHZ_MATRIX,
  PRINCIPALS,
  type MatrixRow,
  type Outcome,
  type PrincipalId,
} from './authz-matrix';
import { expectError } from '../../helpers/contract';
import {
  API,
  createApiKey,
  createUser,
  insertUser,
  signIn,
  STRONG_PASSWORD,
  uniqueEmail,
  type CreatedKey,
  type TestUser,
} from '../../helpers/factories';
import {
  ADMIN_PASSWORD,
  ALL_SCOPES,
  expireKeyInDatabase,
  outcomeOf,
  redisEnv,
  startAppWithAdmin,
} from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';

/**
 * Runs every cell of the authorization matrix (authz-matrix.ts, beside this file) over HTTP
 * against one real app, checks A → B isolation on every object-bearing operation, and fails
 * when the matrix and openapi.json disagree about which operations exist.
 */

// ---- the OpenAPI document --------------------------------------------------------------------

interface DocumentOperation {
  operationId: string;
  method: string;
  path: string;
  needs: string;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation of the committed document, with what its `security` asks of a caller. */
function documentOperations(): DocumentOperation[] {
  const doc = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'openapi.json'), 'utf8'),
  ) as {
    paths: Record<string, Record<string, { operationId?: string; security?: unknown }>>;
  };
  const operations: DocumentOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.includes(method)) continue;
      operations.push({
        operationId: op.operationId ?? `(no operationId: ${method.toUpperCase()} ${path})`,
        method: method.toUpperCase(),
        path,
        needs: needsOf(op.security),
      });
    }
  }
  return operations;
}

/** `security` → the matrix's `needs` vocabulary; anything else is spelled out, so it mismatches. */
function needsOf(security: unknown): string {
  const text = JSON.stringify(security);
  if (text === '[]') return 'public';
  if (text === '[{"bearer":[]}]') return 'session';
  const scoped = /^\[\{"bearer":\[\]\},\{"api_key":\["([a-z:-]+)"\]\}\]$/.exec(text);
  return scoped ? scoped[1] : `unrecognised security ${text}`;
}

// ---- the run ---------------------------------------------------------------------------------

type Header = [string, string];

/** A valid key with one body character changed: right shape, wrong checksum. */
function breakChecksum(key: string): string {
  const i = 10;
  return key.slice(0, i) + (key[i] === 'A' ? 'B' : 'A') + key.slice(i + 1);
}
const bearer = (token: string): Header => ['Authorization', `Bearer ${token}`];
const apiKey = (key: string): Header => ['X-API-Key', key];
/** A public address literal: accepted without a DNS lookup, never delivered to (no worker). */
const MATRIX_WEBHOOK = { url: 'https://93.184.216.34/matrix', events: ['*'] };

/** Keyed principals must never be refused for their budget here. */
const UNLIMITED = 100_000;

let t: TestApp;
let admin: TestUser;
let keyOfDeletedUser: string;

/**
 * One user A with one of its keys (`subject`), the objects operations name, and every principal's
 * credential, built on first use: B, a separate admin session, A's keys, forged JWTs from A's
 * live session.
 */
class World {
  private readonly memo = new Map<string, Promise<unknown>>();

  private constructor(
    readonly a: TestUser,
    readonly subject: CreatedKey,
    /** One of A's webhooks. */
    readonly webhook: { id: string },
    /** A fresh world signs the admin in anew (a succeeding sign-out ends only that session). */
    private readonly fresh: boolean,
  ) {}

  static async create(fresh: boolean): Promise<World> {
    const a = await insertUser(t, { email: uniqueEmail('matrix-a') });
    const subject = await createApiKey(t.http, a, {
      name: 'subject',
      scopes: ['read:users'],
      rate_limit_per_minute: UNLIMITED,
    });
    const webhook = await request(t.http)
      .post(`${API}/webhooks`)
      .set(...bearer(a.accessToken))
      .send(MATRIX_WEBHOOK)
      .expect(201);
    return new World(a, subject, (webhook.body as { webhook: { id: string } }).webhook, fresh);
  }

  private once<T>(name: string, make: () => Promise<T>): Promise<T> {
    if (!this.memo.has(name)) this.memo.set(name, make());
    return this.memo.get(name) as Promise<T>;
  }

  b(): Promise<TestUser> {
    return this.once('b', () => insertUser(t, { email: uniqueEmail('matrix-b') }));
  }

  admin(): Promise<TestUser> {
    return this.fresh
      ? this.once('admin', () => signIn(t.http, admin.email, ADMIN_PASSWORD))
      : Promise.resolve(admin);
  }

  /** One of A's keys with exactly these scopes. */
  key(scopes: readonly string[], name = `key ${scopes.join(' ')}`): Promise<CreatedKey> {
    return this.once(name, () =>
      createApiKey(t.http, this.a, { name, scopes, rate_limit_per_minute: UNLIMITED }),
    );
  }

  /** Claims of A's live session, signed however the principal says. */
  private forge(principal: PrincipalId): string {
    const { sid } = jwt.decode(this.a.accessToken) as { sid: string };
    const claims = { sub: this.a.id, sid };
    const { secret, issuer, audience } = t.config.jwt;
    const now = Math.floor(Date.now() / 1000);
    switch (principal) {
      case 'jwtExpired':
        return jwt.sign({ ...claims, iat: now - 120, exp: now - 60 }, secret, {
          algorithm: 'HS256',
          issuer,
          audience,
        });
      case 'jwtOtherSecret':
        return jwt.sign(claims, randomBytes(32).toString('base64url'), {
          algorithm: 'HS256',
          expiresIn: 900,
          issuer,
          audience,
        });
      case 'jwtAlgNone': {
        const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
        const payload = { ...claims, iss: issuer, aud: audience, iat: now, exp: now + 900 };
        return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
      }
      case 'jwtNoExp':
        return jwt.sign(claims, secret, { algorithm: 'HS256', issuer, audience });
      case 'jwtHs512':
        return jwt.sign(claims, secret, { algorithm: 'HS512', expiresIn: 900, issuer, audience });
      default:
        throw new Error(`not a forged JWT: ${principal}`);
    }
  }

  async credential(principal: PrincipalId, row: MatrixRow): Promise<Header | null> {
    switch (principal) {
      case 'anonymous':
        return null;
      case 'userA':
        return bearer(this.a.accessToken);
      case 'userB':
        return bearer((await this.b()).accessToken);
      case 'admin':
        return bearer((await this.admin()).accessToken);
      case 'jwtExpired':
      case 'jwtOtherSecret':
      case 'jwtAlgNone':
      case 'jwtNoExp':
      case 'jwtHs512':
        return bearer(this.forge(principal));
      case 'keyReadUsers':
        return apiKey((await this.key(['read:users'])).key);
      case 'keyWriteUsers':
        return apiKey((await this.key(['write:users'])).key);
      case 'keyVerifyApiKeys':
        return apiKey((await this.key(['verify:api-keys'])).key);
      case 'keyLackingScope':
        return apiKey((await this.key(ALL_SCOPES.filter((s) => s !== row.needs))).key);
      case 'keyRevoked':
        return apiKey(
          await this.once('revoked', async () => {
            const k = await this.key(ALL_SCOPES, 'to be revoked');
            await request(t.http)
              .post(`${API}/api-keys/${k.id}/revoke`)
              .set(...bearer(this.a.accessToken))
              .expect(200);
            return k.key;
          }),
        );
      case 'keyExpired':
        return apiKey(
          await this.once('expired', async () => {
            const k = await this.key(ALL_SCOPES, 'to be expired');
            await expireKeyInDatabase(t, k.id);
            return k.key;
          }),
        );
      case 'keyMalformed':
        return apiKey('kw_this-is-not-a-key');
      case 'keyBadChecksum':
        return apiKey(breakChecksum((await this.key(ALL_SCOPES, 'every scope')).key));
      case 'keyUnknown':
        return apiKey(generateApiKey());
      case 'keyOfDeletedUser':
        return apiKey(keyOfDeletedUser);
    }
  }
}

/** The bodies operations need to succeed; everything else about a request is in the matrix. */
const BODIES: Record<string, (w: World) => object> = {
  signUp: () => ({ email: uniqueEmail('matrix-signup'), password: STRONG_PASSWORD }),
  signIn: (w) => ({ email: w.a.email, password: w.a.password }),
  login: (w) => ({ email: w.a.email, password: w.a.password }),
  refresh: (w) => ({ refresh_token: w.a.refreshToken }),
  createApiKey: () => ({ name: 'made by the matrix', scopes: ['read:users'] }),
  updateApiKey: () => ({ name: 'renamed by the matrix' }),
  rotateApiKey: () => ({ grace_period_seconds: 60 }),
  createClientKey: () => ({ name: 'made by the matrix', scopes: ['read:users'] }),
  updateClientKey: () => ({ name: 'renamed by the matrix' }),
  verifyApiKey: (w) => ({ key: w.subject.key }),
  updateUser: () => ({ metadata: { changed_by: 'the matrix' } }),
  createWebhook: () => MATRIX_WEBHOOK,
  updateWebhook: () => ({ description: 'changed by the matrix' }),
};

/** The id of A's object that a row's `{id}` names. */
function objectId(row: MatrixRow, w: World): string {
  if (row.object === 'user') return w.a.id;
  if (row.object === 'webhook') return w.webhook.id;
  return w.subject.id;
}

/** The operation through which A looks at the object a row names. */
const VIEW_OF: Record<NonNullable<MatrixRow['object']>, string> = {
  user: 'getUserById',
  api_key: 'getApiKey',
  webhook: 'getWebhook',
};

/** The id `{id}` stands for: A's user id or A's subject key's id (or any id, for the ghost). */
function pathOf(row: MatrixRow, w: World, id?: string): string {
  if (!row.object) return row.path;
  return row.path.replace('{id}', id ?? objectId(row, w));
}

function send(opId: string, w: World, header: Header | null, id?: string): request.Test {
  const row = AUTHZ_MATRIX[opId];
  const method = row.method.toLowerCase() as 'get' | 'post' | 'patch' | 'delete';
  const req = request(t.http)[method](pathOf(row, w, id));
  if (header) void req.set(...header);
  if (row.stream) void req.buffer(true).parse(headOfStream);
  const body = BODIES[opId]?.(w);
  return body ? req.send(body) : req;
}

/** An event stream answers its first bytes and never ends: take those and hang up. */
function headOfStream(
  answer: request.Response,
  done: (err: Error | null, body: unknown) => void,
): void {
  // superagent hands the parser the node response and takes its `text` from it.
  const res = answer as unknown as IncomingMessage & { text?: string };
  let text = '';
  res.setEncoding('utf8');
  if (/^text\/event-stream/.test(String(res.headers['content-type']))) {
    res.once('data', () => {
      done(null, {});
      res.destroy();
    });
    return;
  }
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => {
    res.text = text;
    done(null, JSON.parse(text || 'null') as unknown);
  });
}

/** Everything of A's in the database: its row, its keys, its sessions (last_used_at aside). */
async function snapshotOf(userId: string): Promise<unknown> {
  const rows = async (sql: string): Promise<unknown[]> =>
    (await t.dataSource.query<{ row: unknown }[]>(sql, [userId])).map((r) => r.row);
  return {
    user: await rows(`SELECT to_jsonb(u) AS row FROM users u WHERE u.id = $1`),
    // last_used_at is written by a background flush, on its own schedule: not a change by a cell.
    keys: await rows(
      `SELECT to_jsonb(k) - 'last_used_at' AS row FROM api_keys k WHERE k.user_id = $1 ORDER BY k.id`,
    ),
    sessions: await rows(
      `SELECT to_jsonb(s) AS row FROM sessions s WHERE s.user_id = $1 ORDER BY s.id`,
    ),
    webhooks: await rows(
      `SELECT to_jsonb(w) AS row FROM webhooks w WHERE w.user_id = $1 ORDER BY w.id`,
    ),
  };
}

/** The status, and for an error the whole contract shape (content type, keys, no leaks). */
function expectOutcome(res: request.Response, expected: Outcome, cell: string): void {
  expect({ cell, outcome: outcomeOf(res) }).toEqual({ cell, outcome: [...expected] });
  if (expected.length === 2) expectError(res, expected[0], expected[1]);
}

beforeAll(async () => {
  ({ t, admin } = await startAppWithAdmin({
    ...redisEnv(),
    // Hundreds of refusals and sessions from 127.0.0.1: no cell may be refused for its budget.
    AUTH_FAILURE_LIMIT_PER_IP: String(UNLIMITED),
    SESSION_RATE_LIMIT_PER_MINUTE: String(UNLIMITED),
  }));
  const doomed = await createUser(t.http, { email: uniqueEmail('matrix-doomed') });
  keyOfDeletedUser = (await createApiKey(t.http, doomed, { scopes: ALL_SCOPES })).key;
  await request(t.http)
    .delete(`${API}/users/${doomed.id}`)
    .set(...bearer(doomed.accessToken))
    .expect(200);
});
afterAll(() => t?.close());

describe('authorization matrix ↔ openapi.json', () => {
  const documented = documentOperations();
  const rows = Object.entries(AUTHZ_MATRIX);

  it('has rows for every operation of the document, and none for an operation it no longer has', () => {
    const inMatrix = rows.filter(([, row]) => !row.undocumented).map(([id]) => id);
    const inDocument = documented.map((op) => op.operationId);
    expect({
      withoutRows: inDocument.filter((id) => !inMatrix.includes(id)),
      gone: inMatrix.filter((id) => !inDocument.includes(id)),
    }).toEqual({ withoutRows: [], gone: [] });
    expect(new Set(inDocument).size).toBe(inDocument.length);
  });

  it("matches each operation's method, path and security requirement", () => {
    // (An operation without a row is the test above's failure, not this one's.)
    for (const op of documented.filter((o) => o.operationId in AUTHZ_MATRIX)) {
      const row = AUTHZ_MATRIX[op.operationId];
      expect({ id: op.operationId, method: row.method, path: row.path, needs: row.needs }).toEqual({
        id: op.operationId,
        method: op.method,
        path: op.path,
        needs: op.needs,
      });
      // A path with a parameter names one of A's objects, so it gets A → B coverage below.
      expect({ id: op.operationId, object: op.path.includes('{') }).toEqual({
        id: op.operationId,
        object: row.object !== undefined,
      });
    }
  });

  it('keeps the undocumented rows (Swagger UI and the document) out of the document', () => {
    const undocumented = rows.filter(([, row]) => row.undocumented).map(([, row]) => row);
    expect(undocumented.length).toBeGreaterThan(0);
    for (const row of undocumented) {
      expect(documented.filter((op) => op.path === row.path && op.method === row.method)).toEqual(
        [],
      );
    }
  });

  it('has a cell for every principal in every row, and only those', () => {
    for (const [id, row] of rows) {
      expect({ id, principals: Object.keys(row.expect).sort() }).toEqual({
        id,
        principals: [...PRINCIPALS].sort(),
      });
    }
  });
});

describe('authorization matrix (every operation × every principal)', () => {
  const CELLS = Object.entries(AUTHZ_MATRIX).flatMap(([opId, row]) =>
    PRINCIPALS.map((principal) => ({
      opId,
      principal,
      expected: row.expect[principal],
      label: row.expect[principal].join(' '),
    })),
  );

  let shared: World;
  /**
   * Per mutating operation, the world its refused cells aim at (so a wrongly accepted credential
   * cannot wreck `shared`); its succeeding cells each get a fresh world.
   */
  const decoys = new Map<string, Promise<World>>();
  const decoy = (opId: string): Promise<World> => {
    if (!decoys.has(opId)) decoys.set(opId, World.create(false));
    return decoys.get(opId)!;
  };

  beforeAll(async () => {
    shared = await World.create(false);
  });

  it.each(CELLS)('$opId × $principal → $label', async ({ opId, principal, expected }) => {
    const row = AUTHZ_MATRIX[opId];
    const succeeds = expected[0] < 400;
    const world = !row.mutates ? shared : succeeds ? await World.create(true) : await decoy(opId);
    const header = await world.credential(principal, row);
    // A refusal changes nothing of A's: checked wherever a success would have.
    const guarded = !succeeds && (row.mutates || row.object);
    const before = guarded ? await snapshotOf(world.a.id) : null;

    const res = await send(opId, world, header);
    // A wrongly accepted credential may have wrecked the decoy: the next cell gets a new one, so
    // one hole fails its own cells rather than every later cell of the row.
    if (res.status < 400 && !succeeds && row.mutates) decoys.delete(opId);

    expectOutcome(res, expected, `${opId} × ${principal}`);
    expect(guarded ? await snapshotOf(world.a.id) : null).toEqual(before);
  });

  it('forges its JWTs from a recipe the server accepts when nothing is wrong with it', async () => {
    // The control for the forged-JWT columns: A's claims, the right secret, HS256 and a live
    // `exp` are accepted, so each forged token is refused for its one defect alone.
    const { sid } = jwt.decode(shared.a.accessToken) as { sid: string };
    const { secret, issuer, audience } = t.config.jwt;
    const token = jwt.sign({ sub: shared.a.id, sid }, secret, {
      algorithm: 'HS256',
      expiresIn: 900,
      issuer,
      audience,
    });
    const res = await request(t.http)
      .get(`${API}/auth/user`)
      .set(...bearer(token))
      .expect(200);
    expect(res.body).toMatchObject({ id: shared.a.id, email: shared.a.email });
  });
});

describe('A → B: another user never reaches A’s objects', () => {
  const OBJECT_OPS = Object.entries(AUTHZ_MATRIX)
    .filter(([, row]) => row.object)
    .map(([opId]) => opId);

  let b: TestUser;
  let bKey: CreatedKey;
  beforeAll(async () => {
    b = await insertUser(t, { email: uniqueEmail('matrix-intruder') });
    bKey = await createApiKey(t.http, b, {
      name: "B's service",
      scopes: ALL_SCOPES,
      rate_limit_per_minute: UNLIMITED,
    });
  });

  it.each(OBJECT_OPS)(
    '%s: B’s session and B’s key on A’s object are refused as for a missing one, A unchanged',
    async (opId) => {
      const w = await World.create(true);
      const row = AUTHZ_MATRIX[opId];
      // A's view of the object through the API, and everything of A's in the database.
      const asA = (): Promise<request.Response> =>
        send(VIEW_OF[row.object ?? 'api_key'], w, bearer(w.a.accessToken));
      const seenBefore = (await asA()).body as unknown;
      const before = await snapshotOf(w.a.id);
      const ghost = randomUUID();
      for (const [who, header] of [
        ['B session', bearer(b.accessToken)],
        ['B key', apiKey(bKey.key)],
      ] as const) {
        const onA = await send(opId, w, header);
        const onGhost = await send(opId, w, header, ghost);
        // A session gets 404; a key gets 404 where keys may call, else the session-only 403:
        // never a status or a message that tells A's object from one that does not exist.
        const expected: Outcome =
          who === 'B key' && row.needs === 'session'
            ? [403, 'user_session_required']
            : [404, 'not_found'];
        expectOutcome(onA, expected, `${opId} by ${who}`);
        expect({ who, status: onA.status, body: onA.body as unknown }).toEqual({
          who,
          status: onGhost.status,
          body: onGhost.body as unknown,
        });
      }
      expect(await snapshotOf(w.a.id)).toEqual(before);
      const seenAfter = await asA();
      expect({ status: seenAfter.status, body: seenAfter.body as unknown }).toEqual({
        status: 200,
        body: seenBefore,
      });
    },
  );

  it('does not let B list A’s keys, see A among users, or promote itself', async () => {
    const w = await World.create(true);
    const before = await snapshotOf(w.a.id);
    expectOutcome(
      await request(t.http)
        .get(`${API}/api-keys?user_id=${w.a.id}`)
        .set(...bearer(b.accessToken)),
      [403, 'forbidden'],
      "B lists A's keys",
    );
    const keys = await request(t.http)
      .get(`${API}/api-keys`)
      .set(...bearer(b.accessToken))
      .expect(200);
    expect(JSON.stringify(keys.body)).not.toContain(w.subject.id);
    for (const [header, byKey] of [
      [bearer(b.accessToken), false],
      [apiKey(bKey.key), true],
    ] as const) {
      const users = await request(t.http)
        .get(`${API}/users?limit=100`)
        .set(...header)
        .expect(200);
      expect(users.body).toMatchObject({ users: [{ id: b.id }], total: 1 });
      expectOutcome(
        await request(t.http)
          .patch(`${API}/users/${b.id}`)
          .set(...header)
          .send({ role: 'admin' }),
        // A key never reaches a role change, whatever its owner may do.
        byKey ? [403, 'user_session_required'] : [403, 'forbidden'],
        'B promotes itself',
      );
      expectOutcome(
        await request(t.http)
          .patch(`${API}/users/${w.a.id}`)
          .set(...header)
          .send({ role: 'user', metadata: { owned: true } }),
        byKey ? [403, 'user_session_required'] : [404, 'not_found'],
        'B patches A',
      );
    }
    expect(await snapshotOf(w.a.id)).toEqual(before);
  });
});
