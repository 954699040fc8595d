import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { LEAK_PATTERNS } from '../../helpers/contract';
import {
  API,
  createApiKey,
  createUser,
  signIn,
  uniqueEmail,
  type TestUser,
} from '../../helpers/factories';
import { ALL_SCOPES, redisEnv, startListeningApp } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';
import {
  badUuid,
  brokenBody,
  brokenQuery,
  pathFor,
  valid,
  type BodyCase,
  type Kind,
} from './arbitraries';
import { destroyAgent, send, type RawRequest, type RawResponse } from './http-client';
import { loadOperations, ResponseValidator, type Operation } from './openapi-model';

/**
 * Property-based fuzzing of every operation in openapi.json.
 *
 * For each operation, two properties:
 * - valid: requests generated from the operation's schemas (body, path, query) get exactly the
 *   answer the contract gives for the world's state (the documented 2xx, or a documented 4xx such
 *   as 404 for an id that is not the caller's, 409 key_limit_reached), and every 2xx body
 *   validates against its response schema, closed (no field the document does not name);
 * - invalid: a valid request broken in one way (body, path id, query, Content-Type, credentials,
 *   odd headers) gets a 4xx in the contract's error shape when the document says it is wrong
 *   (kind `invalid`), never a 5xx in any case (kind `edge` too), and a 4xx never changes a row of
 *   the callers (users, api_keys and sessions rows, compared before and after through SQL).
 *
 * Reproducible: one seed (FUZZ_SEED, printed in the suite name) drives every property; FUZZ_RUNS
 * sets the runs per property (CI default below); FUZZ_PATH with `-t <operationId>` replays the
 * shrunk counterexample fast-check printed. Long mode: `FUZZ_RUNS=2000 npx jest test/e2e/fuzz`.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_127);
const RUNS = Number(process.env.FUZZ_RUNS ?? 80);
const REPLAY_PATH = process.env.FUZZ_PATH;
const MAX_KEYS = 15;

const OPERATIONS = loadOperations();
const validator = new ResponseValidator();

jest.setTimeout(Math.max(120_000, RUNS * 2_000));

/** A stable per-operation seed, so one operation's runs do not depend on the others'. */
function seedFor(name: string): number {
  return (
    Number.parseInt(createHmac('sha256', String(SEED)).update(name).digest('hex').slice(0, 8), 16) |
    0
  );
}

// ---------------------------------------------------------------------------------------------
// The world: who calls, which keys exist, what must never leak.

interface PoolKey {
  id: string;
  key: string;
  state: 'active' | 'revoked' | 'deleted';
}

interface Caller {
  user: TestUser;
  /** A key of this user with every scope and a high rate limit. */
  key: string;
}

interface World {
  t: TestApp;
  port: number;
  /** The fuzzing user: every non-destructive request is made as it. */
  me: Caller;
  /** A second user for destructive operations (DELETE /users/{id}, sign-out); replaced when used up. */
  victim: Caller;
  pool: PoolKey[];
  /** Webhooks of `me`, as the API has them. */
  hooks: { id: string; deleted: boolean }[];
  /** A session of `me` kept for POST /auth/refresh; its refresh token rotates. */
  refreshToken: string;
  /** Every password, key and token the run created (checked against the logs at the end). */
  secrets: Set<string>;
  /** Findings that are not assertion failures (statuses seen per operation, for the report). */
  seen: Map<string, Map<string, number>>;
}

let w: World;

async function newCaller(): Promise<Caller> {
  const user = await createUser(w.t.http, { email: uniqueEmail('fuzz') });
  const { key } = await createApiKey(w.t.http, user, {
    name: 'fuzz principal',
    scopes: ALL_SCOPES,
    rate_limit_per_minute: 100_000,
  });
  for (const s of [user.password, user.accessToken, user.refreshToken, key]) w.secrets.add(s);
  return { user, key };
}

async function activeKey(): Promise<PoolKey> {
  const active = w.pool.filter((k) => k.state === 'active');
  if (active.length > 0) return active[active.length - 1];
  await makeRoomForKeys();
  const created = await createApiKey(w.t.http, w.me.user, { name: 'pool key', scopes: ALL_SCOPES });
  const entry: PoolKey = { id: created.id, key: created.key, state: 'active' };
  w.pool.push(entry);
  w.secrets.add(created.key);
  return entry;
}

/** A live webhook of `me` (made on first need), at a public address literal: no DNS. */
async function liveWebhook(pick: number): Promise<{ id: string; deleted: boolean }> {
  if (w.hooks.length > 0) return w.hooks[pick % w.hooks.length];
  const res = await request(w.t.http)
    .post(`${API}/webhooks`)
    .set('Authorization', `Bearer ${w.me.user.accessToken}`)
    .send({ url: 'https://93.184.216.34/fuzz', events: ['*'] })
    .expect(201);
  const entry = { id: (res.body as { webhook: { id: string } }).webhook.id, deleted: false };
  w.hooks.push(entry);
  return entry;
}

async function activeKeyCount(userId: string): Promise<number> {
  const rows: { n: string }[] = await w.t.dataSource.query(
    'SELECT count(*) AS n FROM api_keys WHERE user_id = $1 AND revoked_at IS NULL',
    [userId],
  );
  return Number(rows[0].n);
}

/** Deletes the older half of the pool's unrevoked keys (in SQL) once the key limit is near. */
async function makeRoomForKeys(): Promise<void> {
  if ((await activeKeyCount(w.me.user.id)) < MAX_KEYS - 1) return;
  const active = w.pool.filter((k) => k.state === 'active');
  for (const k of active.slice(0, Math.ceil(active.length / 2))) {
    await w.t.dataSource.query('DELETE FROM api_keys WHERE id = $1', [k.id]);
    k.state = 'deleted';
  }
}

/** Every row the fuzzer's callers own, as text: a 4xx must leave it byte for byte the same. */
async function snapshot(): Promise<string> {
  const ids = [w.me.user.id, w.victim.user.id];
  const rows: unknown[] = await w.t.dataSource.query(
    `SELECT
       (SELECT coalesce(json_agg(u ORDER BY u.id), '[]') FROM users u WHERE u.id = ANY($1)) AS users,
       (SELECT coalesce(json_agg(k ORDER BY k.id), '[]') FROM api_keys k WHERE k.user_id = ANY($1)) AS keys,
       (SELECT coalesce(json_agg(s ORDER BY s.id), '[]') FROM sessions s WHERE s.user_id = ANY($1)) AS sessions`,
    [ids],
  );
  return JSON.stringify(rows);
}

// ---------------------------------------------------------------------------------------------
// Answers: what every response must look like.

const SECRET_FIELDS = /key_hash|password_hash|refresh_token_hash|passwordHash|keyHash/;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

function fail(message: string, req: RawRequest, res: RawResponse): never {
  const shown = {
    ...req,
    body: req.body === undefined ? undefined : String(req.body).slice(0, 300),
  };
  throw new Error(
    `${message}\n  request: ${JSON.stringify(shown).slice(0, 1200)}\n  answer: ${res.status} ${res.text.slice(0, 600)}`,
  );
}

/** The checks every answer gets, whatever was asked. */
function checkAnswer(op: Operation, req: RawRequest, res: RawResponse): void {
  const seen = w.seen.get(op.id) ?? new Map<string, number>();
  const code = (res.body as { code?: string } | undefined)?.code;
  const label = res.status >= 400 ? `${res.status} ${code}` : String(res.status);
  seen.set(label, (seen.get(label) ?? 0) + 1);
  w.seen.set(op.id, seen);

  if (res.status >= 500) fail(`${op.id}: server error ${res.status}`, req, res);
  if (!op.documentedStatuses.has(res.status)) {
    fail(`${op.id}: status ${res.status} is not documented for this operation`, req, res);
  }
  if (res.headers['content-type'] !== 'application/json; charset=utf-8') {
    fail(`${op.id}: Content-Type ${String(res.headers['content-type'])}`, req, res);
  }
  // A validation error may name the caller's own unknown field back; otherwise never.
  const secretNamed = SECRET_FIELDS.exec(res.text)?.[0];
  if (secretNamed && !`${req.path} ${String(req.body ?? '')}`.includes(secretNamed)) {
    fail(`${op.id}: answer names a secret column`, req, res);
  }
  for (const pattern of LEAK_PATTERNS) {
    if (pattern.test(res.text))
      fail(`${op.id}: answer leaks internals (${String(pattern)})`, req, res);
  }
  const requestId = res.headers['x-request-id'];
  if (typeof requestId !== 'string' || !REQUEST_ID.test(requestId)) {
    fail(`${op.id}: X-Request-Id ${JSON.stringify(requestId)}`, req, res);
  }
  if (op.path.startsWith('/api/') && res.headers['cache-control'] !== 'no-store') {
    fail(`${op.id}: Cache-Control ${String(res.headers['cache-control'])}`, req, res);
  }
  if (res.status >= 400) {
    const problems = errorShapeProblems(res.body);
    if (problems.length > 0) fail(`${op.id}: error shape: ${problems.join('; ')}`, req, res);
  } else {
    if (res.status !== op.success) fail(`${op.id}: success status is ${op.success}`, req, res);
    const problems = validator.validate(op, res.status, res.body);
    if (problems.length > 0) {
      fail(`${op.id}: ${res.status} answer violates its schema: ${problems.join('; ')}`, req, res);
    }
  }
}

function errorShapeProblems(body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['not a JSON object'];
  const b = body as Record<string, unknown>;
  const problems: string[] = [];
  const keys = Object.keys(b).sort().join(',');
  if (keys !== 'code,error' && keys !== 'code,details,error') problems.push(`keys ${keys}`);
  if (typeof b.error !== 'string' || b.error.length === 0) problems.push('error is not a sentence');
  if (typeof b.code !== 'string' || !/^[a-z]+(_[a-z]+)*$/.test(b.code)) problems.push('bad code');
  if ('details' in b) {
    if (!Array.isArray(b.details)) problems.push('details is not an array');
    else {
      for (const d of b.details as Record<string, unknown>[]) {
        if (!d || typeof d.problem !== 'string') problems.push('detail without a problem');
        else if (Object.keys(d).some((k) => k !== 'field' && k !== 'problem')) {
          problems.push(`detail keys ${Object.keys(d).join(',')}`);
        }
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Requests.

type Principal = 'session' | 'key' | 'key-as-bearer' | 'none';

/** What an operation accepts, from its `security` in the document. */
function principalsFor(op: Operation): Principal[] {
  const out: Principal[] = [];
  if (op.security.bearer) out.push('session');
  if (op.security.apiKeyScopes) out.push('key', 'key-as-bearer');
  return out.length > 0 ? out : ['none'];
}

function credentialHeaders(principal: Principal, caller: Caller): [string, string][] {
  switch (principal) {
    case 'session':
      return [['Authorization', `Bearer ${caller.user.accessToken}`]];
    case 'key':
      return [['X-API-Key', caller.key]];
    case 'key-as-bearer':
      return [['Authorization', `Bearer ${caller.key}`]];
    case 'none':
      return [];
  }
}

function jsonRequest(
  op: Operation,
  path: string,
  headers: [string, string][],
  body: BodyCase | { json: unknown } | undefined,
): RawRequest {
  const req: RawRequest = { method: op.method, path, headers: [...headers] };
  if (body === undefined) return req;
  const raw = 'raw' in body ? body.raw : undefined;
  const contentType = 'contentType' in body ? body.contentType : undefined;
  req.body = raw ?? JSON.stringify(body.json);
  if (contentType !== null) req.headers.push(['Content-Type', contentType ?? 'application/json']);
  return req;
}

/** `/client-keys` operations are the `/api-keys` ones under other names: one model for both. */
const KEY_ALIASES: Record<string, string> = {
  createClientKey: 'createApiKey',
  listClientKeys: 'listApiKeys',
  getClientKey: 'getApiKey',
  updateClientKey: 'updateApiKey',
  revokeClientKey: 'revokeApiKey',
  deleteClientKey: 'deleteApiKey',
};
const modelOf = (op: Operation): string => KEY_ALIASES[op.id] ?? op.id;
const namesAKey = (op: Operation): boolean => /^\/api\/v1\/(api|client)-keys\//.test(op.path);
const namesAWebhook = (op: Operation): boolean => op.path.startsWith('/api/v1/webhooks/');

/** Everything a 2xx changes in the world's model, for valid and edge requests alike. */
function record(op: Operation, ids: Record<string, string>, res: RawResponse): void {
  if (res.status >= 300) return;
  const body = res.body as Record<string, unknown>;
  switch (modelOf(op)) {
    case 'createApiKey': {
      const created = body as { api_key?: KeyRef; client_key?: KeyRef; key: string };
      const made = (created.api_key ?? created.client_key)!;
      w.secrets.add(created.key);
      if (made.user_id === w.me.user.id) {
        w.pool.push({ id: made.id, key: created.key, state: 'active' });
      }
      break;
    }
    case 'rotateApiKey': {
      // The model follows the new secret; the previous one is in its grace or already stopped.
      const rotated = body as { api_key: KeyRef; key: string };
      w.secrets.add(rotated.key);
      for (const k of w.pool) if (k.id === ids.id) k.key = rotated.key;
      break;
    }
    case 'createWebhook': {
      const made = (body as { webhook: { id: string } }).webhook;
      w.hooks.push({ id: made.id, deleted: false });
      break;
    }
    case 'deleteWebhook':
      for (const h of w.hooks) if (h.id === ids.id) h.deleted = true;
      break;
    case 'revokeApiKey':
    case 'deleteApiKey':
      for (const k of w.pool) {
        if (k.id === ids.id) k.state = modelOf(op) === 'deleteApiKey' ? 'deleted' : 'revoked';
      }
      break;
    case 'signUp':
    case 'signIn':
    case 'login':
    case 'refresh': {
      const auth = body as { access_token: string; refresh_token: string };
      w.secrets.add(auth.access_token);
      w.secrets.add(auth.refresh_token);
      break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Valid requests and their expected answers.

type Expected = { status: number; code?: string };

/**
 * The document's rule for free-form metadata (its description, checked in a test below): at most
 * 31 levels deep, and no key __proto__, constructor or prototype at any depth.
 */
const METADATA_MAX_DEPTH = 31;
const METADATA_RESERVED = ['__proto__', 'constructor', 'prototype'];

interface KeyRef {
  id: string;
  user_id: string;
}

/** A key's metadata: the rule above, plus a JSON object of at most 4096 bytes. */
const KEY_METADATA_MAX_BYTES = 4096;
function keyMetadataRefused(value: unknown): boolean {
  if (value === undefined) return false;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return true;
  return (
    metadataRefused(value) ||
    Buffer.byteLength(JSON.stringify(value), 'utf8') > KEY_METADATA_MAX_BYTES
  );
}

function metadataRefused(value: unknown): boolean {
  const walk = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v !== 'object') return false;
    if (depth > METADATA_MAX_DEPTH) return true;
    return Object.entries(v).some(
      ([k, child]) =>
        (!Array.isArray(v) && METADATA_RESERVED.includes(k)) || walk(child, depth + 1),
    );
  };
  return walk(value, 1);
}

interface ValidPlan {
  principal: Principal;
  /** For each path parameter: the caller's own object, or a random id (someone's or nobody's). */
  ids: Record<string, { own: true; pick: number } | { own: false; id: string }>;
  query: [string, string][];
  body: unknown;
  /** Operation-specific switches (which credentials to sign in with, which key to verify...). */
  variant: number;
}

function validPlan(op: Operation): fc.Arbitrary<ValidPlan> {
  const ids: Record<string, fc.Arbitrary<ValidPlan['ids'][string]>> = {};
  for (const p of op.pathParams) {
    ids[p.name] = fc.oneof(
      { weight: 3, arbitrary: fc.nat().map((pick) => ({ own: true as const, pick })) },
      fc.uuid().map((id) => ({ own: false as const, id })),
    );
  }
  const query = fc.tuple(
    ...op.queryParams.map((p) =>
      fc
        .option(valid(p.schema), { nil: undefined })
        .map((v): [string, string][] =>
          v === undefined ? [] : [[p.name, typeof v === 'string' ? v : JSON.stringify(v)]],
        ),
    ),
  );
  return fc.record({
    principal: fc.constantFrom(...principalsFor(op)),
    ids: fc.record(ids),
    query: query.map((parts) => parts.flat()),
    body: op.body ? valid(op.body) : fc.constant(undefined),
    variant: fc.nat(99),
  });
}

interface Prepared {
  req: RawRequest;
  expected: Expected[];
  ids: Record<string, string>;
  /** Further checks once the answer is in (echo of the request, effects). */
  check?: (res: RawResponse) => Promise<void> | void;
}

/**
 * Whether a usage query's range is one the service accepts: `since` before `until` (defaults:
 * 24 h before `until`, and now), and at most 48 hours for minute buckets. The fuzzer's valid
 * date-times all lie an hour or more in the future, so "now" is never a close call.
 */
function usageRangeValid(q: Map<string, string>): boolean {
  const until = q.has('until') ? Date.parse(q.get('until')!) : Date.now();
  const since = q.has('since') ? Date.parse(q.get('since')!) : until - 24 * 3_600_000;
  if (since >= until) return false;
  return q.get('granularity') !== 'minute' || until - since <= 48 * 3_600_000;
}

async function prepareValid(op: Operation, plan: ValidPlan): Promise<Prepared> {
  let caller = w.me;
  let body: unknown = plan.body;
  const ids: Record<string, string> = {};
  const pool = w.pool;
  let poolEntry: PoolKey | undefined;
  const notFound: Expected = { status: 404, code: 'not_found' };
  const success: Expected = { status: op.success };
  let expected: Expected[] = [success];
  let check: Prepared['check'];

  // Path ids: the caller's own object or a random uuid (never the caller's: 404).
  for (const [name, choice] of Object.entries(plan.ids)) {
    if (!choice.own) {
      ids[name] = choice.id;
      expected = [notFound];
      continue;
    }
    if (namesAWebhook(op)) {
      const hook = await liveWebhook(choice.pick);
      ids[name] = hook.id;
      if (hook.deleted) expected = [notFound];
    } else if (namesAKey(op)) {
      if (pool.length === 0) await activeKey();
      poolEntry = pool[choice.pick % pool.length];
      ids[name] = poolEntry.id;
      if (poolEntry.state === 'deleted') expected = [notFound];
    } else if (op.id === 'deleteUser') {
      caller = w.victim;
      ids[name] = caller.user.id;
    } else {
      ids[name] = caller.user.id;
    }
  }
  const query = plan.query;
  const bodyObj = (body ?? {}) as Record<string, unknown>;

  switch (modelOf(op)) {
    case 'createApiKey': {
      const name = bodyObj.name as string;
      if (name.trim() === '' || keyMetadataRefused(bodyObj.metadata)) {
        expected = [{ status: 400, code: 'validation_failed' }];
      } else {
        await makeRoomForKeys();
        if ((await activeKeyCount(w.me.user.id)) >= MAX_KEYS) {
          expected = [{ status: 409, code: 'key_limit_reached' }];
        }
      }
      check = (res) => {
        if (res.status !== 201) return;
        const created = res.body as {
          api_key?: Record<string, unknown>;
          client_key?: Record<string, unknown>;
          key: string;
        };
        const k = (created.api_key ?? created.client_key)!;
        if (bodyObj.metadata !== undefined) {
          // An empty object is "no value", which answers omit.
          expect(k.metadata ?? {}).toEqual(JSON.parse(JSON.stringify(bodyObj.metadata)));
        }
        expect(k.name).toBe(name.trim());
        expect(k.description).toBe(bodyObj.description ?? undefined);
        expect(k.scopes).toEqual(bodyObj.scopes);
        expect(k.rate_limit_per_minute).toBe(bodyObj.rate_limit_per_minute ?? 100);
        expect(k.user_id).toBe(w.me.user.id);
        if (bodyObj.expires_at !== undefined) {
          // The same instant (PostgreSQL keeps microseconds; RFC 3339 spellings differ).
          expect(Date.parse(k.expires_at as string)).toBe(Date.parse(bodyObj.expires_at as string));
        } else expect(k.expires_at).toBeUndefined();
        expect(created.key.startsWith(k.key_prefix as string)).toBe(true);
      };
      break;
    }
    case 'updateApiKey': {
      const name = bodyObj.name;
      const metadataBad = bodyObj.metadata !== null && keyMetadataRefused(bodyObj.metadata);
      if ((typeof name === 'string' && name.trim() === '') || metadataBad) {
        expected = [{ status: 400, code: 'validation_failed' }];
      } else if (poolEntry?.state === 'revoked' && expected[0] !== notFound) {
        expected = [{ status: 409, code: 'api_key_revoked' }];
      }
      check = (res) => {
        if (res.status !== 200) return;
        const k = res.body as Record<string, unknown>;
        if (typeof name === 'string') expect(k.name).toBe(name.trim());
        if (bodyObj.description === null) expect(k.description).toBeUndefined();
        else if (bodyObj.description !== undefined) expect(k.description).toBe(bodyObj.description);
        if (bodyObj.scopes !== undefined) expect(k.scopes).toEqual(bodyObj.scopes);
        if (bodyObj.rate_limit_per_minute !== undefined) {
          expect(k.rate_limit_per_minute).toBe(bodyObj.rate_limit_per_minute);
        }
        if (bodyObj.metadata === null) expect(k.metadata).toBeUndefined();
        else if (bodyObj.metadata !== undefined) {
          expect(k.metadata ?? {}).toEqual(JSON.parse(JSON.stringify(bodyObj.metadata)));
        }
        if (bodyObj.expires_at === null) expect(k.expires_at).toBeUndefined();
        else if (typeof bodyObj.expires_at === 'string') {
          expect(
            Math.abs(Date.parse(k.expires_at as string) - Date.parse(bodyObj.expires_at)),
          ).toBeLessThan(1);
        }
      };
      break;
    }
    case 'rotateApiKey':
      if (poolEntry?.state === 'revoked' && expected[0] !== notFound) {
        expected = [{ status: 409, code: 'api_key_revoked' }];
      }
      check = (res) => {
        if (res.status !== 200) return;
        const rotated = res.body as { api_key: Record<string, unknown>; key: string };
        expect(rotated.api_key.id).toBe(ids.id);
        expect(rotated.key.startsWith(rotated.api_key.key_prefix as string)).toBe(true);
        const grace = (bodyObj.grace_period_seconds as number | undefined) ?? 3600;
        if (grace > 0) {
          expect(
            Date.parse(rotated.api_key.previous_key_expires_at as string) -
              Date.parse(rotated.api_key.rotated_at as string),
          ).toBe(grace * 1000);
        } else expect(rotated.api_key.previous_key_prefix).toBeUndefined();
      };
      break;
    case 'revokeApiKey':
      check = async (res) => {
        if (res.status !== 200) return;
        const rows: { revoked_at: Date | null }[] = await w.t.dataSource.query(
          'SELECT revoked_at FROM api_keys WHERE id = $1',
          [ids.id],
        );
        expect(rows[0].revoked_at).not.toBeNull();
      };
      break;
    case 'deleteApiKey':
      check = async (res) => {
        if (res.status !== 200) return;
        const rows: unknown[] = await w.t.dataSource.query('SELECT 1 FROM api_keys WHERE id = $1', [
          ids.id,
        ]);
        expect(rows).toHaveLength(0);
      };
      break;
    case 'createWebhook':
      // Any string may be a URL: most are refused by the address rules (no DNS answer, a
      // scheme other than http(s)); `all` is for admins only.
      expected =
        bodyObj.all === true
          ? [{ status: 403, code: 'forbidden' }]
          : [success, { status: 400, code: 'webhook_url_not_allowed' }];
      break;
    case 'listWebhookDeliveries':
      // A cursor the fuzzer made up is never one of ours; it is read before the webhook.
      if (new Map(query).has('cursor')) expected = [{ status: 400, code: 'invalid_cursor' }];
      break;
    case 'updateWebhook':
      if (bodyObj.url !== undefined && expected[0] !== notFound) {
        expected = [success, { status: 400, code: 'webhook_url_not_allowed' }];
      }
      break;
    case 'getApiKey':
      check = (res) => {
        if (res.status === 200) expect((res.body as { id: string }).id).toBe(ids.id);
      };
      break;
    case 'listApiKeys': {
      const q = new Map(query);
      // A cursor the fuzzer made up is never one of ours; it is read before anything else.
      if (q.has('cursor')) expected = [{ status: 400, code: 'invalid_cursor' }];
      else if (q.has('user_id') || q.get('all') === 'true') {
        expected = [{ status: 403, code: 'forbidden' }];
      }
      check = async (res) => {
        if (res.status !== 200) return;
        const body = res.body as Record<string, unknown>;
        const keys = (body.api_keys ?? body.client_keys) as { user_id: string }[];
        const total = body.total as number;
        expect(keys.length).toBeLessThanOrEqual(Number(q.get('limit') ?? 100));
        expect(total).toBeGreaterThanOrEqual(keys.length);
        if (body.next_cursor === undefined) expect(total).toBe(keys.length);
        expect(keys.every((k) => k.user_id === w.me.user.id)).toBe(true);
        if (!q.has('q') && !q.has('scope') && (q.get('status') ?? 'all') === 'all') {
          const rows: { n: string }[] = await w.t.dataSource.query(
            'SELECT count(*) AS n FROM api_keys WHERE user_id = $1',
            [w.me.user.id],
          );
          expect(total).toBe(Number(rows[0].n));
        }
      };
      break;
    }
    case 'listAuditEvents': {
      const q = new Map(query);
      // A made-up cursor is never one of ours; all=true is an admin's (the fuzzer is not one).
      if (q.has('cursor')) expected = [{ status: 400, code: 'invalid_cursor' }];
      else if (q.get('all') === 'true') expected = [{ status: 403, code: 'forbidden' }];
      check = (res) => {
        if (res.status !== 200) return;
        const events = (res.body as { events: { seq: number }[] }).events;
        expect(events.length).toBeLessThanOrEqual(Number(q.get('limit') ?? 100));
        const seqs = events.map((e) => e.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
      };
      break;
    }
    case 'verifyAuditChain':
      // Verifying the chain is the admin's; the fuzzer's session is a plain user's.
      expected = [{ status: 403, code: 'forbidden' }];
      break;
    case 'getApiKeyUsage':
    case 'getUsageSummary': {
      const q = new Map(query);
      if (q.get('all') === 'true') expected = [{ status: 403, code: 'forbidden' }];
      // The range is checked before the key is looked up: a bad one is a 400 for any id.
      else if (!usageRangeValid(q)) expected = [{ status: 400, code: 'validation_failed' }];
      check = (res) => {
        if (res.status !== 200) return;
        const body = res.body as { key_id?: string; keys?: unknown[] };
        if (op.id === 'getApiKeyUsage') expect(body.key_id).toBe(ids.id);
      };
      break;
    }
    case 'metrics':
      // The fuzzed app has no METRICS_TOKEN: the route answers as one that does not exist.
      expected = [notFound];
      break;
    case 'verifyApiKey': {
      // Half the time, a key the world knows: its verdict follows its state.
      const known = plan.variant < 50 ? pool[plan.variant % Math.max(pool.length, 1)] : undefined;
      if (known) body = { key: known.key };
      const verdicts =
        known === undefined
          ? ['invalid_api_key']
          : known.state === 'active'
            ? ['valid', 'rate_limited']
            : known.state === 'revoked'
              ? ['api_key_revoked']
              : ['invalid_api_key'];
      check = (res) => {
        const v = res.body as { valid: boolean; code: string };
        expect(verdicts).toContain(v.code);
        expect(v.valid).toBe(v.code === 'valid');
      };
      break;
    }
    case 'signIn':
    case 'login': {
      if (plan.variant < 40) {
        // The real credentials (email in another case): a new session.
        const email = plan.variant % 2 === 0 ? w.me.user.email.toUpperCase() : w.me.user.email;
        body = { email, password: w.me.user.password };
      } else {
        expected = [{ status: 401, code: 'invalid_credentials' }];
      }
      break;
    }
    case 'refresh':
      if (plan.variant < 40) body = { refresh_token: w.refreshToken };
      else expected = [{ status: 401 }];
      check = (res) => {
        if (res.status === 200)
          w.refreshToken = (res.body as { refresh_token: string }).refresh_token;
      };
      break;
    case 'signUp': {
      const email = bodyObj.email as string;
      const rows: unknown[] = await w.t.dataSource.query('SELECT 1 FROM users WHERE email = $1', [
        email.trim().toLowerCase(),
      ]);
      if (
        metadataRefused(bodyObj.metadata) ||
        metadataRefused(bodyObj.user_metadata) ||
        (bodyObj.metadata !== undefined && bodyObj.user_metadata !== undefined)
      )
        expected = [{ status: 400, code: 'validation_failed' }];
      else if (rows.length > 0) expected = [{ status: 409, code: 'email_taken' }];
      check = (res) => {
        if (res.status !== 201) return;
        w.secrets.add(bodyObj.password as string);
        const user = (res.body as { user: Record<string, unknown> }).user;
        expect(user.email).toBe(email.trim().toLowerCase());
        expect(user.role).toBe('user');
        const metadata = bodyObj.metadata ?? bodyObj.user_metadata;
        if (metadata !== undefined) {
          // An empty object is "no value", which answers omit.
          expect(user.metadata ?? {}).toEqual(JSON.parse(JSON.stringify(metadata)));
        }
      };
      break;
    }
    case 'signOut': {
      // A fresh session of the victim, ended here; its access token must stop working.
      const session = await signIn(w.t.http, w.victim.user.email, w.victim.user.password);
      w.secrets.add(session.accessToken);
      w.secrets.add(session.refreshToken);
      caller = { user: { ...w.victim.user, accessToken: session.accessToken }, key: w.victim.key };
      check = async (res) => {
        if (res.status !== 200) return;
        const after = await send(w.port, {
          method: 'get',
          path: '/api/v1/auth/user',
          headers: [['Authorization', `Bearer ${session.accessToken}`]],
        });
        expect(after.status).toBe(401);
      };
      break;
    }
    case 'deleteUser':
      check = async (res) => {
        if (res.status !== 200) return;
        const gone = await send(w.port, {
          method: 'get',
          path: '/api/v1/auth/user',
          headers: credentialHeaders(plan.principal, caller),
        });
        expect(gone.status).toBe(401);
        w.victim = await newCaller();
      };
      break;
    case 'updateUser':
      if (metadataRefused(bodyObj.metadata)) {
        expected = [{ status: 400, code: 'validation_failed' }];
      } else if (plan.principal !== 'session' && bodyObj.role !== undefined) {
        // A key never reaches a role change, whoever the record belongs to.
        expected = [{ status: 403, code: 'user_session_required' }];
      } else if (expected[0] !== notFound && bodyObj.role === 'admin') {
        expected = [{ status: 403, code: 'forbidden' }];
      }
      check = (res) => {
        if (res.status !== 200) return;
        const user = res.body as Record<string, unknown>;
        expect(user.role).toBe('user');
        if (bodyObj.metadata !== undefined) {
          // An empty object is "no value", which answers omit.
          expect(user.metadata ?? {}).toEqual(JSON.parse(JSON.stringify(bodyObj.metadata)));
        }
      };
      break;
    case 'getUser':
    case 'getUserById':
      check = (res) => {
        if (res.status === 200) expect((res.body as { id: string }).id).toBe(caller.user.id);
      };
      break;
    case 'listUsers':
      check = (res) => {
        const list = res.body as { users: { id: string }[]; total: number };
        expect(list.users.map((u) => u.id)).toEqual([w.me.user.id]);
        expect(list.total).toBe(1);
      };
      break;
  }

  const headers = credentialHeaders(plan.principal, caller);
  const req = jsonRequest(
    op,
    pathFor(op, ids, query),
    headers,
    op.body ? { json: body } : undefined,
  );
  return { req, expected, ids, check };
}

// ---------------------------------------------------------------------------------------------
// Invalid and edge requests.

type CredentialCase =
  | 'none'
  | 'bearer-10kB'
  | 'jwt-bad-signature'
  | 'bearer-empty'
  | 'basic'
  | 'jwt-without-scheme'
  | 'key-10kB'
  | 'key-one-char-changed'
  | 'key-truncated'
  | 'key-latin1'
  | 'bad-key-and-good-jwt'
  | 'two-x-api-key'
  | 'credentials-in-query';

type EdgeHeaderCase =
  | 'key-trailing-space'
  | 'key-leading-space'
  | 'bearer-key-trailing-tab'
  | 'two-authorization-good-first'
  | 'two-authorization-bad-first'
  | 'empty-x-api-key-and-jwt'
  | 'lowercase-bearer'
  | 'bearer-two-spaces'
  | 'header-10kB'
  | 'request-id-junk'
  | 'many-headers';

type Mutation =
  | { where: 'body'; body: BodyCase }
  | { where: 'path'; name: string; id: string; raw?: true }
  | { where: 'query'; label: string; kind: Kind; query: [string, string][] }
  | { where: 'credentials'; credential: CredentialCase }
  | { where: 'headers'; header: EdgeHeaderCase; principal: Principal };

/** One mutation of an otherwise valid request (whose body is `base`). */
interface InvalidPlan {
  mutation: Mutation;
  base: unknown;
}

function invalidPlan(op: Operation): fc.Arbitrary<InvalidPlan> {
  return fc.record({
    mutation: mutations(op),
    base: op.body ? valid(op.body) : fc.constant(undefined),
  });
}

function mutations(op: Operation): fc.Arbitrary<Mutation> {
  const cases: fc.Arbitrary<Mutation>[] = [];
  if (op.body) {
    cases.push(
      brokenBody(op.body, op.bodyRequired).map((body) => ({ where: 'body' as const, body })),
    );
  }
  for (const p of op.pathParams) {
    cases.push(
      badUuid.map((id) => ({ where: 'path' as const, name: p.name, id })),
      // Sent as they are: malformed percent-escapes, encoded separators and dots.
      fc
        .constantFrom(
          '%',
          '%zz',
          '%E0%A4%A',
          '%C0%AF',
          '%00',
          '%2F',
          '%2e%2e',
          '%2F..%2F..',
          ';',
          '*',
        )
        .map((id) => ({ where: 'path' as const, name: p.name, id, raw: true as const })),
    );
  }
  cases.push(brokenQuery(op.queryParams).map((q) => ({ where: 'query' as const, ...q })));
  if (principalsFor(op)[0] !== 'none') {
    cases.push(
      fc
        .constantFrom<CredentialCase>(
          'none',
          'bearer-10kB',
          'jwt-bad-signature',
          'bearer-empty',
          'basic',
          'jwt-without-scheme',
          'key-10kB',
          'key-one-char-changed',
          'key-truncated',
          'key-latin1',
          'bad-key-and-good-jwt',
          'two-x-api-key',
          'credentials-in-query',
        )
        .map((credential) => ({ where: 'credentials' as const, credential })),
    );
  }
  cases.push(
    fc
      .record({
        header: fc.constantFrom<EdgeHeaderCase>(
          'key-trailing-space',
          'key-leading-space',
          'bearer-key-trailing-tab',
          'two-authorization-good-first',
          'two-authorization-bad-first',
          'empty-x-api-key-and-jwt',
          'lowercase-bearer',
          'bearer-two-spaces',
          'header-10kB',
          'request-id-junk',
          'many-headers',
        ),
        principal: fc.constantFrom(...principalsFor(op)),
      })
      .map((h) => ({ where: 'headers' as const, ...h })),
  );
  return fc.oneof(...cases);
}

function kindOf(plan: Mutation): Kind {
  switch (plan.where) {
    case 'body':
      return plan.body.kind;
    case 'path':
      return 'invalid';
    case 'query':
      return plan.kind;
    case 'credentials':
      return 'invalid';
    case 'headers':
      return 'edge';
  }
}

function mangleCredentials(
  c: CredentialCase,
  caller: Caller,
): { headers: [string, string][]; query: [string, string][] } {
  const jwt = caller.user.accessToken;
  const key = caller.key;
  const flip = (s: string, i: number): string =>
    s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  switch (c) {
    case 'none':
      return { headers: [], query: [] };
    case 'bearer-10kB':
      return { headers: [['Authorization', `Bearer ${'A'.repeat(10_240)}`]], query: [] };
    case 'jwt-bad-signature':
      return { headers: [['Authorization', `Bearer ${flip(jwt, jwt.length - 5)}`]], query: [] };
    case 'bearer-empty':
      return { headers: [['Authorization', 'Bearer']], query: [] };
    case 'basic':
      return {
        headers: [['Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`]],
        query: [],
      };
    case 'jwt-without-scheme':
      return { headers: [['Authorization', jwt]], query: [] };
    case 'key-10kB':
      return { headers: [['X-API-Key', `kw_${'a'.repeat(10_240)}`]], query: [] };
    case 'key-one-char-changed':
      return { headers: [['X-API-Key', flip(key, 20)]], query: [] };
    case 'key-truncated':
      return { headers: [['X-API-Key', key.slice(0, -1)]], query: [] };
    case 'key-latin1':
      return { headers: [['X-API-Key', `${key.slice(0, 40)}\u00ff\u00fe`]], query: [] };
    case 'bad-key-and-good-jwt':
      return {
        headers: [
          ['X-API-Key', flip(key, 20)],
          ['Authorization', `Bearer ${jwt}`],
        ],
        query: [],
      };
    case 'two-x-api-key':
      return {
        headers: [
          ['X-API-Key', key],
          ['X-API-Key', key],
        ],
        query: [],
      };
    case 'credentials-in-query':
      return {
        headers: [],
        query: [
          ['api_key', key],
          ['access_token', jwt],
          ['key', key],
        ],
      };
  }
}

function edgeHeaders(h: EdgeHeaderCase, principal: Principal, caller: Caller): [string, string][] {
  const good = credentialHeaders(principal, caller);
  const jwt = caller.user.accessToken;
  switch (h) {
    case 'key-trailing-space':
      return [['X-API-Key', `${caller.key} `]];
    case 'key-leading-space':
      return [['X-API-Key', ` ${caller.key}`]];
    case 'bearer-key-trailing-tab':
      return [['Authorization', `Bearer ${caller.key}\t`]];
    case 'two-authorization-good-first':
      return [
        ['Authorization', `Bearer ${jwt}`],
        ['Authorization', 'Bearer junk'],
      ];
    case 'two-authorization-bad-first':
      return [
        ['Authorization', 'Bearer junk'],
        ['Authorization', `Bearer ${jwt}`],
      ];
    case 'empty-x-api-key-and-jwt':
      return [
        ['X-API-Key', ''],
        ['Authorization', `Bearer ${jwt}`],
      ];
    case 'lowercase-bearer':
      return good.map(([k, v]) => [k, v.replace(/^Bearer /, 'bearer ')]);
    case 'bearer-two-spaces':
      return good.map(([k, v]) => [k, v.replace(/^Bearer /, 'Bearer  ')]);
    case 'header-10kB':
      return [...good, ['X-Padding', 'p'.repeat(10_240)]];
    case 'request-id-junk':
      return [...good, ['X-Request-Id', `../${'\u00e9'.repeat(100)} <x>`]];
    case 'many-headers':
      return [
        ...good,
        ...Array.from({ length: 90 }, (_, i): [string, string] => [`X-H${i}`, String(i)]),
      ];
  }
}

async function prepareInvalid(
  op: Operation,
  { mutation: plan, base }: InvalidPlan,
): Promise<{ req: RawRequest; kind: Kind; ids: Record<string, string> }> {
  // The base is a request that would succeed: the caller's own objects, valid everything else.
  const destructive = op.id === 'deleteUser' || op.id === 'signOut';
  const caller = destructive ? w.victim : w.me;
  const ids: Record<string, string> = {};
  for (const p of op.pathParams) {
    ids[p.name] = namesAKey(op) ? (await activeKey()).id : caller.user.id;
  }
  let query: [string, string][] = [];
  let headers = credentialHeaders(principalsFor(op)[0], caller);
  let body: BodyCase | { json: unknown } | undefined = op.body ? { json: base } : undefined;
  if (modelOf(op) === 'createApiKey') await makeRoomForKeys();
  const RAW_ID = '00000000-raw0-0000-0000-000000000000';
  switch (plan.where) {
    case 'body':
      body = plan.body;
      break;
    case 'path':
      ids[plan.name] = plan.raw ? RAW_ID : plan.id;
      break;
    case 'query':
      query = plan.query;
      break;
    case 'credentials': {
      const mangled = mangleCredentials(plan.credential, caller);
      headers = mangled.headers;
      query = mangled.query;
      break;
    }
    case 'headers':
      headers = edgeHeaders(plan.header, plan.principal, caller);
      break;
  }
  let path = pathFor(op, ids, query);
  if (plan.where === 'path' && plan.raw) path = path.replace(RAW_ID, plan.id);
  return { req: jsonRequest(op, path, headers, body), kind: kindOf(plan), ids };
}

// ---------------------------------------------------------------------------------------------
// The suite.

/** Counterexamples the fuzzer found once, replayed on every run (see the report in the PR). */
/**
 * Counterexamples the fuzzer found (each was a server bug, fixed), replayed first on every run.
 * `base` is the valid request the mutation is applied to.
 */
const heart = '\u2764\uFE0F'; // '❤️': 2 code points, which class-validator's MaxLength counted as 1
const REGRESSIONS: Partial<Record<string, InvalidPlan[]>> = {
  // 500 from PostgreSQL's varchar(500) (or silent truncation): MaxLength(500) let 600 code points in.
  createApiKey: [
    {
      mutation: {
        where: 'body',
        body: {
          label: 'description: longer than maxLength 500',
          kind: 'invalid',
          json: { name: 'k', scopes: ['read:users'], description: `${heart}x`.repeat(200) },
        },
      },
      base: { name: 'k', scopes: ['read:users'] },
    },
  ],
  // 200 for a 400-code-point key; the document says maxLength 256.
  verifyApiKey: [
    {
      mutation: {
        where: 'body',
        body: {
          label: 'key: longer than maxLength 256',
          kind: 'invalid',
          json: { key: heart.repeat(200) },
        },
      },
      base: { key: 'x' },
    },
    // class-validator's whitelist took Object.prototype names for declared fields.
    {
      mutation: {
        where: 'body',
        body: {
          label: 'extra field constructor',
          kind: 'invalid',
          raw: '{"constructor":"0","key":""}',
        },
      },
      base: { key: 'x' },
    },
  ],
  updateUser: [
    // A JSON `null` body was read as {} and answered 200.
    {
      mutation: { where: 'body', body: { label: 'body is null', kind: 'invalid', raw: 'null' } },
      base: {},
    },
    // 3000 levels of nesting (within 16 kB): class-transformer overflowed the stack, a 500.
    {
      mutation: {
        where: 'body',
        body: {
          label: 'metadata: deeply nested',
          kind: 'edge',
          json: {
            metadata: JSON.parse(`${'{"n":['.repeat(1500)}0${']}'.repeat(1500)}`) as unknown,
          },
        },
      },
      base: {},
    },
    // An unpaired surrogate in metadata: jsonb refused it (22P02) and the answer was a 500.
    {
      mutation: {
        where: 'body',
        body: {
          label: 'metadata: lone surrogate',
          kind: 'edge',
          json: { metadata: { note: '\udfff' } },
        },
      },
      base: {},
    },
  ],
  // A path parameter over 100 characters: Fastify's own 414 body (FST_ERR_MAX_PARAM_LENGTH, the
  // path echoed back) instead of the contract's 400 invalid_id.
  deleteApiKey: [
    { mutation: { where: 'path', name: 'id', id: 'a'.repeat(2000) }, base: undefined },
  ],
  // A malformed escape in the id: Fastify's FST_ERR_BAD_URL body, no X-Request-Id.
  getApiKey: [{ mutation: { where: 'path', name: 'id', id: '%', raw: true }, base: undefined }],
  // A request line over 16 kB: Fastify's off-contract 431 body.
  listApiKeys: [
    {
      mutation: {
        where: 'query',
        label: 'user_id: huge',
        kind: 'invalid',
        query: [['user_id', heart.repeat(3000)]],
      },
      base: undefined,
    },
  ],
  // A key sent to /auth/refresh: 403 user_session_required, which the document did not list.
  refresh: [
    {
      mutation: { where: 'headers', header: 'key-trailing-space', principal: 'none' },
      base: { refresh_token: 'x' },
    },
  ],
};

/** Valid requests that once failed. */
const VALID_REGRESSIONS: Partial<Record<string, ValidPlan[]>> = {
  // class-transformer dropped metadata keys named like Object.prototype methods, at any depth.
  updateUser: [
    {
      principal: 'session',
      ids: { id: { own: true, pick: 0 } },
      query: [],
      body: { metadata: { a: { valueOf: 'v', toString: 't', hasOwnProperty: 'h' } } },
      variant: 0,
    },
  ],
  signUp: [
    // Nest's ValidationPipe deletes `prototype` keys at any depth: metadata lost it silently.
    {
      principal: 'none',
      ids: {},
      query: [],
      body: {
        email: 'regression-prototype@example.com',
        password: 'correct horse battery staple 42',
        metadata: { a: { prototype: null, b: 1 } },
      },
      variant: 0,
    },
    {
      principal: 'none',
      ids: {},
      query: [],
      body: {
        email: 'regression-valueof@example.com',
        password: 'correct horse battery staple 42',
        metadata: { a: [{ valueOf: 'v' }] },
      },
      variant: 0,
    },
  ],
};

/** fc.assert under a name the lint's jest rules know as an assertion. */
async function expectProperty<T extends [unknown]>(
  property: fc.IAsyncProperty<T>,
  params: fc.Parameters<T>,
): Promise<void> {
  await fc.assert(property, params);
}

function runsFor(op: Operation): number {
  // Operations that hash a password (argon2id, tens of ms) or sign a user in per run get fewer.
  const slow = ['signUp', 'signIn', 'login', 'signOut', 'deleteUser'];
  return slow.includes(op.id) ? Math.max(5, Math.ceil(RUNS / 3)) : RUNS;
}

describe(`OpenAPI fuzz (FUZZ_SEED=${SEED}, FUZZ_RUNS=${RUNS})`, () => {
  beforeAll(async () => {
    const t = await startListeningApp({
      ...redisEnv(),
      MAX_KEYS_PER_USER: String(MAX_KEYS),
      AUTH_FAILURE_LIMIT_PER_IP: '1000000',
      SESSION_RATE_LIMIT_PER_MINUTE: '1000000',
      JWT_ACCESS_TTL_SECONDS: '86400',
      LAST_USED_FLUSH_MS: '3600000',
    });
    const address = t.http.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    w = {
      t,
      port,
      me: undefined as unknown as Caller,
      victim: undefined as unknown as Caller,
      pool: [],
      hooks: [],
      refreshToken: '',
      secrets: new Set(),
      seen: new Map(),
    };
    w.me = await newCaller();
    w.victim = await newCaller();
    const session = await signIn(t.http, w.me.user.email, w.me.user.password);
    w.refreshToken = session.refreshToken;
    w.secrets.add(session.accessToken);
    w.secrets.add(session.refreshToken);
    process.stdout.write(
      `OpenAPI fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} over ${OPERATIONS.length} operations\n`,
    );
  });

  afterAll(async () => {
    destroyAgent();
    await w?.t.close();
  });

  it('has an operation list from the document', () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(20);
  });

  describe.each(
    OPERATIONS.map((op) => [`${op.method.toUpperCase()} ${op.path} (${op.id})`, op] as const),
  )('%s', (_name, op) => {
    it('valid requests get the contract answer; 2xx bodies match their schema', async () => {
      await expectProperty(
        fc.asyncProperty(validPlan(op), async (plan) => {
          const before = await snapshot();
          const prepared = await prepareValid(op, plan);
          const res = await send(w.port, prepared.req);
          checkAnswer(op, prepared.req, res);
          record(op, prepared.ids, res);
          const got = { status: res.status, code: (res.body as { code?: string }).code };
          if (
            !prepared.expected.some(
              (e) => e.status === got.status && (e.code === undefined || e.code === got.code),
            )
          ) {
            fail(`${op.id}: expected ${JSON.stringify(prepared.expected)}`, prepared.req, res);
          }
          if (res.status >= 400 && (await snapshot()) !== before) {
            fail(`${op.id}: a refused request changed a row`, prepared.req, res);
          }
          await prepared.check?.(res);
        }),
        {
          seed: seedFor(`${op.id} valid`),
          numRuns: runsFor(op),
          path: REPLAY_PATH,
          examples: (VALID_REGRESSIONS[op.id] ?? []).map((p) => [p]),
        },
      );
    });

    it('invalid requests get a 4xx in the error shape, never a 5xx, never a changed row', async () => {
      await expectProperty(
        fc.asyncProperty(invalidPlan(op), async (plan) => {
          const prepared = await prepareInvalid(op, plan);
          const before = await snapshot();
          const res = await send(w.port, prepared.req);
          checkAnswer(op, prepared.req, res);
          record(op, prepared.ids, res);
          if (prepared.kind === 'invalid' && !(res.status >= 400 && res.status < 500)) {
            fail(`${op.id}: an invalid request was not refused`, prepared.req, res);
          }
          if (res.status >= 400 && (await snapshot()) !== before) {
            fail(`${op.id}: a refused request changed a row`, prepared.req, res);
          }
          if (res.status < 300 && (op.id === 'deleteUser' || op.id === 'signOut')) {
            w.victim = await newCaller(); // used up by an edge request that was accepted
          }
        }),
        {
          seed: seedFor(`${op.id} invalid`),
          numRuns: runsFor(op) * 2,
          path: REPLAY_PATH,
          examples: (REGRESSIONS[op.id] ?? []).map((p) => [p]),
        },
      );
    });
  });

  it('every operation of the document was fuzzed and answered', () => {
    const silent = OPERATIONS.filter((op) => !w.seen.has(op.id)).map((op) => op.id);
    expect(silent).toEqual([]);
    process.stdout.write(
      `OpenAPI fuzz answers:\n${[...w.seen]
        .map(([id, m]) => `  ${id}: ${[...m].map(([s, n]) => `${s}×${n}`).join(', ')}`)
        .join('\n')}\n`,
    );
  });

  it('states the metadata rule the oracle applies in the document', () => {
    for (const id of ['signUp', 'updateUser']) {
      const op = OPERATIONS.find((o) => o.id === id)!;
      const description = op.body?.properties?.metadata?.description ?? '';
      expect(description).toContain(`at most ${METADATA_MAX_DEPTH} levels deep`);
      expect(description).toContain(METADATA_RESERVED.join(', ').replace(/, (?=[^,]*$)/, ' and '));
    }
  });

  it('no secret the fuzzer created appears in the logs', () => {
    const logs = w.t.logs.join('\n');
    const leaked = [...w.secrets].filter((s) => s.length >= 12 && logs.includes(s));
    expect(leaked).toEqual([]);
  });
});
