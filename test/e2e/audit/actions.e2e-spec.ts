import { createHash } from 'node:crypto';
import request from 'supertest';
import { digestApiKey } from '../../../src/api-keys/api-key-format';
import { expectError } from '../../helpers/contract';
import {
  API,
  bearer,
  createApiKey,
  createUser,
  STRONG_PASSWORD,
  uniqueEmail,
  type TestUser,
} from '../../helpers/factories';
import { startAppWithAdmin } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';
import { allEvents, verifyChain, type WireEvent } from './helpers';

const CLIENT_IP = '198.51.100.23';
const USER_AGENT = 'audit-e2e/1.0 (+https://example.com)';

/** A request as a client behind one proxy sends it: its address in X-Forwarded-For. */
const from = (req: request.Test): request.Test =>
  req.set('X-Forwarded-For', CLIENT_IP).set('User-Agent', USER_AGENT);

/** The one event of `action` about `targetId`, checked to carry the request's origin. */
function theOne(events: WireEvent[], action: string, targetId: string, res: request.Response) {
  const matching = events.filter((e) => e.action === action && e.target?.id === targetId);
  expect(matching).toHaveLength(1);
  const [event] = matching;
  expect(event.ip).toBe(CLIENT_IP);
  expect(event.user_agent).toBe(USER_AGENT);
  expect(event.request_id).toBe(res.headers['x-request-id']);
  expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
  expect(event.prev_hash).toMatch(/^[0-9a-f]{64}$/);
  return event;
}

/** JSON with every object's keys sorted and no whitespace, as the README defines `canonical`. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** An event's hash recomputed from the event as the API answers it, by the README's recipe. */
function hashOf(event: WireEvent): string {
  const canonical: Partial<WireEvent> = { ...event };
  delete canonical.hash;
  delete canonical.prev_hash;
  return createHash('sha256')
    .update(`${event.prev_hash}\n${canonicalJson(canonical)}`)
    .digest('hex');
}

describe('Audit log: what each change records', () => {
  let t: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    ({ t, admin } = await startAppWithAdmin({ TRUST_PROXY: '1', MAX_KEYS_PER_USER: '3' }));
  });
  afterAll(() => t.close());

  const mine = (user: TestUser, query: Record<string, string> = {}) =>
    allEvents(t.http, user.accessToken, query);

  it('records sign-up, sign-in, failed sign-in, refresh, reuse and sign-out, once each', async () => {
    const email = uniqueEmail('audit');
    const signUp = await from(request(t.http).post(`${API}/auth/signup`))
      .send({ email, password: STRONG_PASSWORD })
      .expect(201);
    const userId = (signUp.body as { user: { id: string } }).user.id;

    const signIn = await from(request(t.http).post(`${API}/auth/signin`))
      .send({ email, password: STRONG_PASSWORD })
      .expect(200);
    const session = signIn.body as { access_token: string; refresh_token: string };
    const failed = await from(request(t.http).post(`${API}/auth/login`))
      .send({ email, password: 'not the password at all' })
      .expect(401);

    const refresh1 = await from(request(t.http).post(`${API}/auth/refresh`))
      .send({ refresh_token: session.refresh_token })
      .expect(200);
    const token1 = (refresh1.body as { refresh_token: string }).refresh_token;
    await from(request(t.http).post(`${API}/auth/refresh`))
      .send({ refresh_token: token1 })
      .expect(200);
    // Two rotations behind: a replay, which ends that session.
    const reuse = await from(request(t.http).post(`${API}/auth/refresh`))
      .send({ refresh_token: session.refresh_token })
      .expect(401);

    const other = await from(request(t.http).post(`${API}/auth/signin`))
      .send({ email, password: STRONG_PASSWORD })
      .expect(200);
    const otherToken = (other.body as { access_token: string }).access_token;
    const signOut = await from(request(t.http).post(`${API}/auth/signout`))
      .set(...bearer(otherToken))
      .expect(200);

    const viewer = await from(request(t.http).post(`${API}/auth/signin`))
      .send({ email, password: STRONG_PASSWORD })
      .expect(200);
    const events = await allEvents(t.http, (viewer.body as { access_token: string }).access_token);
    const self = { type: 'user', id: userId };
    expect(theOne(events, 'user.signed_up', userId, signUp).actor).toEqual(self);
    expect(theOne(events, 'user.sign_in_failed', userId, failed).actor).toEqual({ type: 'user' });
    expect(theOne(events, 'session.reuse_detected', userId, reuse).actor).toEqual({
      type: 'system',
    });
    expect(theOne(events, 'user.signed_out', userId, signOut).actor).toEqual(self);
    const signIns = events.filter((e) => e.action === 'user.signed_in');
    expect(signIns.map((e) => e.request_id).sort()).toEqual(
      [signIn, other, viewer].map((r) => r.headers['x-request-id']).sort(),
    );
    const refreshes = events.filter((e) => e.action === 'session.refreshed');
    expect(refreshes).toHaveLength(2);
    expect(refreshes.every((e) => e.actor.id === userId && e.ip === CLIENT_IP)).toBe(true);
  });

  it('answers events whose hash anyone can recompute from the answer alone', async () => {
    const user = await createUser(t.http);
    const key = await createApiKey(t.http, user);
    await request(t.http)
      .patch(`${API}/api-keys/${key.id}`)
      .set(...bearer(user.accessToken))
      .send({ description: 'recomputed', metadata: { team: 'audit', tiers: [1, 2] } })
      .expect(200);
    const events = await mine(user);
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.signed_up', 'api_key.created', 'api_key.updated']),
    );
    for (const event of events) {
      expect(event.owner_user_id).toBe(user.id);
      expect([event.seq, hashOf(event)]).toEqual([event.seq, event.hash]);
    }
  });

  it('records a failed sign-in for an unknown email without naming anyone', async () => {
    const res = await from(request(t.http).post(`${API}/auth/signin`))
      .send({ email: uniqueEmail('nobody'), password: 'whatever it is 123' })
      .expect(401);
    const events = await allEvents(t.http, admin.accessToken, {
      all: 'true',
      action: 'user.sign_in_failed',
    });
    const [event] = events.filter((e) => e.request_id === res.headers['x-request-id']);
    expect(event).toMatchObject({ actor: { type: 'user' }, ip: CLIENT_IP });
    expect(event.target).toBeUndefined();
    expect(JSON.stringify(event)).not.toContain('nobody');
  });

  it('records key creation, update, revocation and deletion with the changed fields', async () => {
    const user = await createUser(t.http);
    const created = await from(request(t.http).post(`${API}/api-keys`))
      .set(...bearer(user.accessToken))
      .send({ name: 'audited', scopes: ['read:users'] })
      .expect(201);
    const keyId = (created.body as { api_key: { id: string; key_prefix: string } }).api_key.id;
    const keyPrefix = (created.body as { api_key: { key_prefix: string } }).api_key.key_prefix;
    const updated = await from(request(t.http).patch(`${API}/api-keys/${keyId}`))
      .set(...bearer(user.accessToken))
      .send({ rate_limit_per_minute: 500, name: 'audited' })
      .expect(200);
    const revoked = await from(request(t.http).post(`${API}/api-keys/${keyId}/revoke`))
      .set(...bearer(user.accessToken))
      .expect(200);
    // Revoking again changes nothing: no second event.
    await request(t.http)
      .post(`${API}/api-keys/${keyId}/revoke`)
      .set(...bearer(user.accessToken))
      .expect(200);
    const deleted = await from(request(t.http).delete(`${API}/api-keys/${keyId}`))
      .set(...bearer(user.accessToken))
      .expect(200);

    const events = await mine(user, { target_id: keyId });
    expect(events.map((e) => e.action)).toEqual([
      'api_key.deleted',
      'api_key.revoked',
      'api_key.updated',
      'api_key.created',
    ]);
    const actor = { type: 'user', id: user.id };
    const onCreate = theOne(events, 'api_key.created', keyId, created);
    expect(onCreate.actor).toEqual(actor);
    expect(onCreate.changes).toMatchObject({
      name: { to: 'audited' },
      scopes: { to: ['read:users'] },
      rate_limit_per_minute: { to: 100 },
      key_prefix: { to: keyPrefix },
    });
    // Only what changed: the name was restated, not changed.
    expect(theOne(events, 'api_key.updated', keyId, updated).changes).toEqual({
      rate_limit_per_minute: { from: 100, to: 500 },
    });
    expect(theOne(events, 'api_key.revoked', keyId, revoked).changes?.revoked_at).toMatchObject({
      from: null,
    });
    expect(theOne(events, 'api_key.deleted', keyId, deleted).actor).toEqual(actor);
    for (const e of events) expect(e.target).toEqual({ type: 'api_key', id: keyId });
  });

  it('records a rotation once, in its transaction, naming the prefixes and never a secret', async () => {
    const user = await createUser(t.http);
    const key = await createApiKey(t.http, user);
    const oldPrefix = (key.body as { api_key: { key_prefix: string } }).api_key.key_prefix;
    const rotated = await from(request(t.http).post(`${API}/api-keys/${key.id}/rotate`))
      .set(...bearer(user.accessToken))
      .send({ grace_period_seconds: 60 })
      .expect(200);
    const { api_key: after, key: newKey } = rotated.body as {
      api_key: { key_prefix: string; previous_key_expires_at: string };
      key: string;
    };
    expect(after.key_prefix).not.toBe(oldPrefix);

    const events = await mine(user, { target_id: key.id });
    expect(events.map((e) => e.action)).toEqual(['api_key.rotated', 'api_key.created']);
    const event = theOne(events, 'api_key.rotated', key.id, rotated);
    expect(event.actor).toEqual({ type: 'user', id: user.id });
    expect(event.target).toEqual({ type: 'api_key', id: key.id });
    expect(event.changes).toEqual({
      key_prefix: { from: oldPrefix, to: after.key_prefix },
      previous_key_expires_at: { to: after.previous_key_expires_at },
    });
    const stored = JSON.stringify(event);
    for (const secret of [key.key, newKey]) {
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(secret.slice(secret.lastIndexOf('_') + 1));
      expect(stored).not.toContain(digestApiKey(secret, t.config.keyPepper));
    }

    // A revoked key cannot be rotated: the refusal leaves the log as it was.
    await request(t.http)
      .post(`${API}/api-keys/${key.id}/revoke`)
      .set(...bearer(user.accessToken))
      .expect(200);
    const revoked = await mine(user);
    expectError(
      await request(t.http)
        .post(`${API}/api-keys/${key.id}/rotate`)
        .set(...bearer(user.accessToken))
        .send({}),
      409,
      'api_key_revoked',
    );
    expect(await mine(user)).toEqual(revoked);
  });

  it('records no rotation whose change fails to commit, and keeps the key as it was', async () => {
    const user = await createUser(t.http);
    const key = await createApiKey(t.http, user);
    const before = await mine(user);
    // The key's rewrite fails at commit, after the rotation has written its event.
    const name = `refuse_commit_${key.id.replace(/-/g, '')}`;
    await t.dataSource.query(
      `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'refused at commit'; END $$`,
    );
    await t.dataSource.query(
      `CREATE CONSTRAINT TRIGGER ${name} AFTER UPDATE ON api_keys
       DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
       WHEN (NEW.id = '${key.id}'::uuid) EXECUTE FUNCTION ${name}()`,
    );
    try {
      await request(t.http)
        .post(`${API}/api-keys/${key.id}/rotate`)
        .set(...bearer(user.accessToken))
        .send({})
        .expect(500);
    } finally {
      await t.dataSource.query(`DROP TRIGGER ${name} ON api_keys`);
      await t.dataSource.query(`DROP FUNCTION ${name}()`);
    }
    expect(await mine(user)).toEqual(before);
    await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key.key).expect(200);
  });

  it('records allowlist and credit changes in api_key.updated', async () => {
    const user = await createUser(t.http);
    const key = await createApiKey(t.http, user);
    const limited = await from(request(t.http).patch(`${API}/api-keys/${key.id}`))
      .set(...bearer(user.accessToken))
      .send({
        allowed_ips: ['203.0.113.0/24'],
        credits: { remaining: 50, refill: { amount: 100, interval: 'daily' } },
      })
      .expect(200);
    const cleared = await from(request(t.http).patch(`${API}/api-keys/${key.id}`))
      .set(...bearer(user.accessToken))
      .send({ allowed_ips: null, credits: { remaining: 7 } })
      .expect(200);
    const [second, first] = await mine(user, { target_id: key.id, action: 'api_key.updated' });
    expect(theOne([first], 'api_key.updated', key.id, limited).changes).toEqual({
      allowed_ips: { from: null, to: ['203.0.113.0/24'] },
      credits: { from: null, to: { remaining: 50, refill: { amount: 100, interval: 'daily' } } },
    });
    expect(theOne([second], 'api_key.updated', key.id, cleared).changes).toEqual({
      allowed_ips: { from: ['203.0.113.0/24'], to: null },
      credits: {
        from: { remaining: 50, refill: { amount: 100, interval: 'daily' } },
        to: { remaining: 7, refill: null },
      },
    });
  });

  it('records webhook creation, update and deletion, never its signing secret', async () => {
    const user = await createUser(t.http);
    const url = 'https://93.184.216.34/hook';
    const created = await from(request(t.http).post(`${API}/webhooks`))
      .set(...bearer(user.accessToken))
      .send({ url, events: ['api_key.created'], description: 'audited' })
      .expect(201);
    const { webhook, secret } = created.body as { webhook: { id: string }; secret: string };
    const updated = await from(request(t.http).patch(`${API}/webhooks/${webhook.id}`))
      .set(...bearer(user.accessToken))
      .send({ events: ['*'], description: 'audited' })
      .expect(200);
    const deleted = await from(request(t.http).delete(`${API}/webhooks/${webhook.id}`))
      .set(...bearer(user.accessToken))
      .expect(200);

    const events = await mine(user, { target_id: webhook.id });
    expect(events.map((e) => e.action)).toEqual([
      'webhook.deleted',
      'webhook.updated',
      'webhook.created',
    ]);
    const actor = { type: 'user', id: user.id };
    const onCreate = theOne(events, 'webhook.created', webhook.id, created);
    expect(onCreate.actor).toEqual(actor);
    expect(onCreate.changes).toEqual({
      url: { to: url },
      events: { to: ['api_key.created'] },
      description: { to: 'audited' },
      all: { to: false },
    });
    // Only what changed: the description was restated.
    expect(theOne(events, 'webhook.updated', webhook.id, updated).changes).toEqual({
      events: { from: ['api_key.created'], to: ['*'] },
    });
    expect(theOne(events, 'webhook.deleted', webhook.id, deleted).actor).toEqual(actor);
    for (const e of events) expect(e.target).toEqual({ type: 'webhook', id: webhook.id });
    const [{ hits }] = await t.dataSource.query<{ hits: string }[]>(
      `SELECT count(*) AS hits FROM audit_events e WHERE strpos(row_to_json(e)::text, $1) > 0`,
      [secret.slice('whsec_'.length)],
    );
    expect(Number(hits)).toBe(0);
  });

  it('writes no event for a change that fails', async () => {
    const user = await createUser(t.http);
    const key = await createApiKey(t.http, user);
    const before = await mine(user);
    await request(t.http)
      .patch(`${API}/api-keys/${key.id}`)
      .set(...bearer(user.accessToken))
      .send({ rate_limit_per_minute: 0 })
      .expect(400);
    await request(t.http)
      .patch(`${API}/users/${user.id}`)
      .set(...bearer(user.accessToken))
      .send({ role: 'root' })
      .expect(400);
    // Three keys is this app's limit: the fourth is refused with 409.
    await createApiKey(t.http, user);
    await createApiKey(t.http, user);
    const withKeys = await mine(user);
    expectError(
      await request(t.http)
        .post(`${API}/api-keys`)
        .set(...bearer(user.accessToken))
        .send({ name: 'one too many', scopes: ['read:users'] }),
      409,
      'key_limit_reached',
    );
    await request(t.http)
      .post(`${API}/api-keys/${key.id}/revoke`)
      .set(...bearer(user.accessToken))
      .expect(200);
    const revoked = await mine(user);
    expectError(
      await request(t.http)
        .patch(`${API}/api-keys/${key.id}`)
        .set(...bearer(user.accessToken))
        .send({ name: 'too late' }),
      409,
      'api_key_revoked',
    );
    expect(withKeys).toHaveLength(before.length + 2);
    expect(revoked).toHaveLength(withKeys.length + 1);
    expect(await mine(user)).toEqual(revoked);
  });

  it('records user updates (with a key as the actor) and deletions', async () => {
    const user = await createUser(t.http);
    const key = await createApiKey(t.http, user, { scopes: ['write:users'] });
    const updated = await from(request(t.http).patch(`${API}/users/${user.id}`))
      .set('X-API-Key', key.key)
      .send({ metadata: { plan: 'pro' } })
      .expect(200);
    const events = await mine(user, { action: 'user.updated' });
    const event = theOne(events, 'user.updated', user.id, updated);
    expect(event.actor).toEqual({ type: 'api_key', id: key.id });
    expect(event.changes).toEqual({ metadata: { from: {}, to: { plan: 'pro' } } });

    const deleted = await from(request(t.http).delete(`${API}/users/${user.id}`))
      .set(...bearer(user.accessToken))
      .expect(200);
    const all = await allEvents(t.http, admin.accessToken, { all: 'true', target_id: user.id });
    expect(theOne(all, 'user.deleted', user.id, deleted).actor).toEqual({
      type: 'user',
      id: user.id,
    });
  });

  it('never stores a key, its digest or a password', async () => {
    const user = await createUser(t.http);
    const key = await createApiKey(t.http, user);
    await request(t.http)
      .patch(`${API}/api-keys/${key.id}`)
      .set(...bearer(user.accessToken))
      .send({ name: 'renamed' })
      .expect(200);
    const digest = digestApiKey(key.key, t.config.keyPepper);
    const secret = key.key.slice(key.key.lastIndexOf('_') + 1);
    const [{ hits }] = await t.dataSource.query<{ hits: string }[]>(
      `SELECT count(*) AS hits FROM audit_events e
       WHERE strpos(row_to_json(e)::text, $1) > 0 OR strpos(row_to_json(e)::text, $2) > 0
          OR strpos(row_to_json(e)::text, $3) > 0 OR strpos(row_to_json(e)::text, $4) > 0`,
      [key.key, digest, secret, STRONG_PASSWORD],
    );
    expect(Number(hits)).toBe(0);
    // The same search does find what is stored: the key's id.
    const [{ found }] = await t.dataSource.query<{ found: string }[]>(
      `SELECT count(*) AS found FROM audit_events e WHERE strpos(row_to_json(e)::text, $1) > 0`,
      [key.id],
    );
    expect(Number(found)).toBeGreaterThan(0);
  });

  it("shows an owner its own events only; an admin's all=true shows everyone's", async () => {
    const a = await createUser(t.http);
    const b = await createUser(t.http);
    const keyA = await createApiKey(t.http, a);
    const keyB = await createApiKey(t.http, b);
    const seenByB = await mine(b);
    expect(seenByB.some((e) => e.target?.id === keyA.id || e.target?.id === a.id)).toBe(false);
    expect(seenByB.some((e) => e.actor.id === a.id)).toBe(false);
    expect(seenByB.some((e) => e.target?.id === keyB.id)).toBe(true);
    // Someone else's id as a filter shows nothing more.
    expect(await mine(b, { target_id: keyA.id })).toEqual([]);
    expect(await mine(b, { actor_id: a.id })).toEqual([]);

    // The admin's own view holds neither; all=true holds both.
    const adminOwn = await allEvents(t.http, admin.accessToken);
    expect(adminOwn.some((e) => e.target?.id === keyA.id)).toBe(false);
    const everyone = await allEvents(t.http, admin.accessToken, {
      all: 'true',
      action: 'api_key.created',
    });
    const targets = everyone.map((e) => e.target?.id);
    expect(targets).toEqual(expect.arrayContaining([keyA.id, keyB.id]));

    expectError(
      await request(t.http)
        .get(`${API}/audit-events?all=true`)
        .set(...bearer(a.accessToken)),
      403,
      'forbidden',
    );
    const key = await createApiKey(t.http, a, { scopes: ['read:users'] });
    expectError(
      await request(t.http).get(`${API}/audit-events`).set('X-API-Key', key.key),
      403,
      'user_session_required',
    );
  });

  it('filters by action, actor and time, newest first, a page at a time', async () => {
    const user = await createUser(t.http);
    const keys = [];
    for (let i = 0; i < 3; i += 1) keys.push(await createApiKey(t.http, user));
    for (const key of keys) {
      await request(t.http)
        .post(`${API}/api-keys/${key.id}/revoke`)
        .set(...bearer(user.accessToken))
        .expect(200);
    }
    const everything = await mine(user);
    const seqs = everything.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x));

    // A walk two at a time sees every event once, in the same order.
    const walked: WireEvent[] = [];
    let cursor: string | undefined;
    do {
      const res = await request(t.http)
        .get(`${API}/audit-events`)
        .query({ limit: '2', ...(cursor ? { cursor } : {}) })
        .set(...bearer(user.accessToken))
        .expect(200);
      const page = res.body as { events: WireEvent[]; next_cursor?: string };
      expect(page.events.length).toBeLessThanOrEqual(2);
      walked.push(...page.events);
      cursor = page.next_cursor;
    } while (cursor);
    expect(walked).toEqual(everything);

    const revokes = await mine(user, { action: 'api_key.revoked' });
    expect(revokes.map((e) => e.target?.id)).toEqual(keys.map((k) => k.id).reverse());
    expect(await mine(user, { actor_id: user.id })).toEqual(everything);

    const middle = everything[2];
    const since = await mine(user, { since: middle.at });
    expect(since.every((e) => e.at >= middle.at)).toBe(true);
    expect(since.map((e) => e.id)).toContain(middle.id);
    const until = await mine(user, { until: middle.at });
    expect(until.every((e) => e.at < middle.at)).toBe(true);
    expect(since.length + until.length).toBe(everything.length);

    expectError(
      await request(t.http)
        .get(`${API}/audit-events?cursor=${encodeURIComponent('MQ.forged')}`)
        .set(...bearer(user.accessToken)),
      400,
      'invalid_cursor',
    );
    for (const bad of ['limit=0', 'limit=501', 'since=yesterday', 'action=user.exploded']) {
      expectError(
        await request(t.http)
          .get(`${API}/audit-events?${bad}`)
          .set(...bearer(user.accessToken)),
        400,
        'validation_failed',
      );
    }
  });

  it('lets only an admin verify the chain, which holds', async () => {
    const user = await createUser(t.http);
    expectError(
      await request(t.http)
        .get(`${API}/audit-events/verify`)
        .set(...bearer(user.accessToken)),
      403,
      'forbidden',
    );
    const result = await verifyChain(t.http, admin.accessToken);
    expect(result).toMatchObject({ ok: true });
    expect(result.checked).toBeGreaterThan(0);
  });
});
