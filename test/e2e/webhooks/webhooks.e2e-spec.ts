import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Clock } from '../../../src/common/clock';
import { WebhookAlerts } from '../../../src/webhooks/webhook-alerts';
import { expectError } from '../../helpers/contract';
import {
  API,
  bearer,
  createApiKey,
  createUser,
  signIn,
  sleep,
  type TestUser,
} from '../../helpers/factories';
import { freePort } from '../../helpers/free-port';
import {
  describeServerPostgres,
  pollUntil,
  SERVER_PG_TAG,
  startAppWithAdmin,
  startListeningApp,
} from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';
import { allEvents } from '../audit/helpers';
import { Receiver, type ReceivedEvent } from './receiver';

/** Delivery on loopback, retried quickly, polled often: the settings of every app here. */
const WEBHOOK_ENV = {
  WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
  WEBHOOK_RETRY_BASE_MS: '100',
  WEBHOOK_POLL_INTERVAL_MS: '50',
  WEBHOOK_WORKER_ENABLED: 'true',
};

type VerifyWebhook = (rawBody: string, header: string, secret: string) => boolean;

/** The README's "Verify a webhook signature" snippet, exactly as a reader copies it. */
function readmeVerifier(): VerifyWebhook {
  const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Verify a webhook signature'));
  const snippet = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  if (!snippet) throw new Error('README has no webhook verification snippet');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const build = new Function('require', `${snippet}\nreturn verifyWebhook;`) as (
    req: NodeJS.Require,
  ) => VerifyWebhook;
  return build(require);
}

interface CreatedWebhook {
  id: string;
  secret: string;
}

async function createWebhook(
  t: TestApp,
  user: TestUser,
  body: Record<string, unknown>,
): Promise<CreatedWebhook> {
  const res = await request(t.http)
    .post(`${API}/webhooks`)
    .set(...bearer(user.accessToken))
    .send(body);
  if (res.status !== 201) throw new Error(`POST /webhooks → ${res.status} ${res.text}`);
  const created = res.body as { webhook: { id: string }; secret: string };
  return { id: created.webhook.id, secret: created.secret };
}

/** The key (or webhook) an event is about: audit events name a target, alerts an api_key. */
const keyIdOf = (e: ReceivedEvent): string | undefined =>
  (e.data.api_key as { id?: string } | undefined)?.id ??
  (e.data.target as { id?: string } | undefined)?.id;

describe('Webhooks', () => {
  let t: TestApp;
  let admin: TestUser;
  const receivers: Receiver[] = [];

  const receiver = async (): Promise<Receiver> => {
    const r = await new Receiver().start();
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    ({ t, admin } = await startAppWithAdmin(WEBHOOK_ENV));
  });

  afterAll(async () => {
    await t.close();
    await Promise.all(receivers.map((r) => r.stop()));
  });

  describe('endpoints', () => {
    it('shows the signing secret once, at creation, and never in a webhook, list or delivery', async () => {
      const user = await createUser(t.http);
      const r = await receiver();
      const res = await request(t.http)
        .post(`${API}/webhooks`)
        .set(...bearer(user.accessToken))
        .send({ url: r.url, events: ['*'], description: 'all of mine' })
        .expect(201);
      const { webhook, secret } = res.body as { webhook: { id: string }; secret: string };
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(Object.keys(webhook).sort()).toEqual([
        'created_at',
        'description',
        'events',
        'id',
        'updated_at',
        'url',
      ]);
      expect(webhook).toMatchObject({ url: r.url, events: ['*'], description: 'all of mine' });
      await createApiKey(t.http, user);
      // Its own creation first, then the key's.
      await r.waitFor((events) => events.length === 2);
      const answers = await Promise.all(
        [`/webhooks`, `/webhooks/${webhook.id}`, `/webhooks/${webhook.id}/deliveries`].map((path) =>
          request(t.http)
            .get(`${API}${path}`)
            .set(...bearer(user.accessToken))
            .expect(200),
        ),
      );
      for (const answer of answers) expect(answer.text).not.toContain(secret);
      // Stored sealed, not as given.
      const [row] = await t.dataSource.query<{ secret_encrypted: string }[]>(
        `SELECT secret_encrypted FROM webhooks WHERE id = $1`,
        [webhook.id],
      );
      expect(row.secret_encrypted).not.toContain(secret.slice(6));
    });

    it('lists, gets, updates and deletes only the owner’s webhooks (someone else’s is 404)', async () => {
      const [owner, stranger] = await Promise.all([createUser(t.http), createUser(t.http)]);
      const hook = await createWebhook(t, owner, {
        url: 'https://hooks.example.com/a',
        events: ['api_key.created'],
      });
      const list = await request(t.http)
        .get(`${API}/webhooks`)
        .set(...bearer(owner.accessToken))
        .expect(200);
      expect(list.body).toMatchObject({ total: 1, webhooks: [{ id: hook.id }] });
      const strangers = await request(t.http)
        .get(`${API}/webhooks`)
        .set(...bearer(stranger.accessToken))
        .expect(200);
      expect(strangers.body).toEqual({ webhooks: [], total: 0 });
      for (const [method, path] of [
        ['get', `/webhooks/${hook.id}`],
        ['patch', `/webhooks/${hook.id}`],
        ['delete', `/webhooks/${hook.id}`],
        ['post', `/webhooks/${hook.id}/test`],
        ['get', `/webhooks/${hook.id}/deliveries`],
      ] as const) {
        const res = await request(t.http)
          [method](`${API}${path}`)
          .set(...bearer(stranger.accessToken))
          .send(method === 'patch' ? { description: 'mine now' } : undefined);
        expectError(res, 404, 'not_found');
      }
      const patched = await request(t.http)
        .patch(`${API}/webhooks/${hook.id}`)
        .set(...bearer(owner.accessToken))
        .send({ events: ['api_key.revoked', 'api_key.expiring'], description: 'lifecycle' })
        .expect(200);
      expect(patched.body).toMatchObject({
        events: ['api_key.revoked', 'api_key.expiring'],
        description: 'lifecycle',
      });
      const cleared = await request(t.http)
        .patch(`${API}/webhooks/${hook.id}`)
        .set(...bearer(owner.accessToken))
        .send({ description: null, enabled: false })
        .expect(200);
      expect(cleared.body).not.toHaveProperty('description');
      expect(cleared.body).toHaveProperty('disabled_at');
      await request(t.http)
        .delete(`${API}/webhooks/${hook.id}`)
        .set(...bearer(owner.accessToken))
        .expect(200);
      await request(t.http)
        .get(`${API}/webhooks/${hook.id}`)
        .set(...bearer(owner.accessToken))
        .expect(404);
    });

    it('refuses API keys, unknown events and all: true from a non-admin', async () => {
      const user = await createUser(t.http);
      const key = await createApiKey(t.http, user, {
        scopes: ['read:users', 'write:users', 'verify:api-keys'],
      });
      expectError(
        await request(t.http).get(`${API}/webhooks`).set('X-API-Key', key.key),
        403,
        'user_session_required',
      );
      const unknown = await request(t.http)
        .post(`${API}/webhooks`)
        .set(...bearer(user.accessToken))
        .send({ url: 'https://hooks.example.com/', events: ['api_key.exploded'] });
      expectError(unknown, 400, 'validation_failed');
      const empty = await request(t.http)
        .post(`${API}/webhooks`)
        .set(...bearer(user.accessToken))
        .send({ url: 'https://hooks.example.com/', events: [] });
      expectError(empty, 400, 'validation_failed');
      const all = await request(t.http)
        .post(`${API}/webhooks`)
        .set(...bearer(user.accessToken))
        .send({ url: 'https://hooks.example.com/', events: ['*'], all: true });
      expectError(all, 403, 'forbidden');
      const scheme = await request(t.http)
        .post(`${API}/webhooks`)
        .set(...bearer(user.accessToken))
        .send({ url: 'ftp://hooks.example.com/', events: ['*'] });
      expectError(scheme, 400, 'webhook_url_not_allowed');
    });

    it('pages deliveries newest first and refuses a cursor it did not give out', async () => {
      const user = await createUser(t.http);
      const r = await receiver();
      const hook = await createWebhook(t, user, { url: r.url, events: ['api_key.created'] });
      for (let i = 0; i < 3; i++) await createApiKey(t.http, user, { name: `k${i}` });
      await r.waitFor((events) => events.length === 3);
      const first = await request(t.http)
        .get(`${API}/webhooks/${hook.id}/deliveries?limit=2`)
        .set(...bearer(user.accessToken))
        .expect(200);
      const page1 = first.body as {
        deliveries: { event_id: string; status: string; attempts: number }[];
        next_cursor?: string;
      };
      expect(page1.deliveries).toHaveLength(2);
      expect(page1.deliveries[0]).toMatchObject({
        status: 'succeeded',
        attempts: 1,
        response_status: 200,
        response_body: 'ok',
        event_type: 'api_key.created',
      });
      expect(page1.next_cursor).toEqual(expect.any(String));
      const second = await request(t.http)
        .get(`${API}/webhooks/${hook.id}/deliveries`)
        .query({ limit: 2, cursor: page1.next_cursor })
        .set(...bearer(user.accessToken))
        .expect(200);
      const page2 = second.body as { deliveries: { event_id: string }[]; next_cursor?: string };
      expect(page2.deliveries).toHaveLength(1);
      expect(page2.next_cursor).toBeUndefined();
      // Newest first: the last page holds the first event received.
      expect(page2.deliveries[0].event_id).toBe(r.accepted()[0].id);
      expectError(
        await request(t.http)
          .get(`${API}/webhooks/${hook.id}/deliveries`)
          .query({ cursor: 'MTIz.forged' })
          .set(...bearer(user.accessToken)),
        400,
        'invalid_cursor',
      );
    });

    it('queues a test event for that webhook only', async () => {
      const user = await createUser(t.http);
      const r = await receiver();
      const hook = await createWebhook(t, user, { url: r.url, events: ['api_key.deleted'] });
      const res = await request(t.http)
        .post(`${API}/webhooks/${hook.id}/test`)
        .set(...bearer(user.accessToken))
        .expect(202);
      expect(res.body).toMatchObject({
        delivery: { event_type: 'webhook.test', status: 'pending' },
      });
      const [event] = await r.waitFor((events) => events.length === 1);
      expect(event).toMatchObject({ type: 'webhook.test', data: { webhook_id: hook.id } });
    });
  });

  describe('delivery', () => {
    it('signs each delivery so the README snippet verifies it, and names the event', async () => {
      const user = await createUser(t.http);
      const r = await receiver();
      const hook = await createWebhook(t, user, { url: r.url, events: ['api_key.created'] });
      const key = await createApiKey(t.http, user, { name: 'signed' });
      await r.waitFor((events) => events.length === 1);
      const [delivery] = r.requests;
      const verify = readmeVerifier();
      const signature = String(delivery.headers['keyward-signature']);
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verify(delivery.raw, signature, hook.secret)).toBe(true);
      expect(verify(delivery.raw.replace('signed', 'signeD'), signature, hook.secret)).toBe(false);
      expect(verify(delivery.raw, signature, 'whsec_not-the-secret')).toBe(false);
      expect(delivery.headers['keyward-event-id']).toBe(delivery.event.id);
      expect(Object.keys(JSON.parse(delivery.raw) as object)).toEqual(['id', 'type', 'at', 'data']);
      expect(delivery.event).toMatchObject({
        type: 'api_key.created',
        data: {
          actor: { type: 'user', id: user.id },
          target: { type: 'api_key', id: key.id },
          changes: { name: { to: 'signed' } },
        },
      });
      expect(delivery.raw).not.toContain(key.key);
    });

    it('delivers a webhook’s events in order, retrying a failing receiver with the same event id', async () => {
      const user = await createUser(t.http);
      const r = await receiver();
      // The key's creation is refused twice; the later events must wait behind it.
      r.answer = (event, previous) =>
        event.type === 'api_key.created' &&
        previous.filter((q) => q.event.type === 'api_key.created').length < 2
          ? 503
          : 200;
      const hook = await createWebhook(t, user, { url: r.url, events: ['*'] });
      const key = await createApiKey(t.http, user);
      await request(t.http)
        .patch(`${API}/api-keys/${key.id}`)
        .set(...bearer(user.accessToken))
        .send({ name: 'renamed' })
        .expect(200);
      await request(t.http)
        .post(`${API}/api-keys/${key.id}/revoke`)
        .set(...bearer(user.accessToken))
        .expect(200);
      await request(t.http)
        .delete(`${API}/api-keys/${key.id}`)
        .set(...bearer(user.accessToken))
        .expect(200);
      const accepted = await r.waitFor((events) => events.length === 5);
      // The webhook hears of its own creation first: that is an event of its owner's too.
      expect(accepted.map((e) => e.type)).toEqual([
        'webhook.created',
        'api_key.created',
        'api_key.updated',
        'api_key.revoked',
        'api_key.deleted',
      ]);
      expect(r.requests.map((q) => q.event.type)).toEqual([
        'webhook.created',
        'api_key.created',
        'api_key.created',
        'api_key.created',
        'api_key.updated',
        'api_key.revoked',
        'api_key.deleted',
      ]);
      expect(new Set(r.requests.slice(1, 4).map((q) => q.event.id)).size).toBe(1);
      expect(keyIdOf(accepted[0])).toBe(hook.id);
      expect(accepted.slice(1).every((e) => keyIdOf(e) === key.id)).toBe(true);
      const deliveries = await request(t.http)
        .get(`${API}/webhooks/${hook.id}/deliveries`)
        .set(...bearer(user.accessToken))
        .expect(200);
      const first = (deliveries.body as { deliveries: { attempts: number; status: string }[] })
        .deliveries[3];
      expect(first).toMatchObject({ status: 'succeeded', attempts: 3, response_status: 200 });
    });

    it("sends a user's webhook only that user's events; an admin's all: true gets everyone's", async () => {
      const [alice, bob] = await Promise.all([createUser(t.http), createUser(t.http)]);
      const [ra, rb, rAdmin] = await Promise.all([receiver(), receiver(), receiver()]);
      await createWebhook(t, alice, { url: ra.url, events: ['api_key.created'] });
      await createWebhook(t, bob, { url: rb.url, events: ['api_key.created'] });
      const adminHook = await createWebhook(t, admin, {
        url: rAdmin.url,
        events: ['api_key.created'],
        all: true,
      });
      const aliceKey = await createApiKey(t.http, alice);
      const bobKey = await createApiKey(t.http, bob);
      await ra.waitFor((events) => events.length >= 1);
      await rb.waitFor((events) => events.length >= 1);
      await rAdmin.waitFor((events) => {
        const ids = events.map(keyIdOf);
        return ids.includes(aliceKey.id) && ids.includes(bobKey.id);
      });
      await sleep(300);
      expect(ra.accepted().map(keyIdOf)).toEqual([aliceKey.id]);
      expect(rb.accepted().map(keyIdOf)).toEqual([bobKey.id]);
      // Other suites share this database: stop taking their events.
      await request(t.http)
        .delete(`${API}/webhooks/${adminHook.id}`)
        .set(...bearer(admin.accessToken))
        .expect(200);
    });

    it('sends every audit event to a `*` webhook under the audit event’s id, with its actor, target and changes', async () => {
      const user = await createUser(t.http);
      const r = await receiver();
      const hook = await createWebhook(t, user, { url: r.url, events: ['*'] });
      const key = await createApiKey(t.http, user);
      const rotated = await request(t.http)
        .post(`${API}/api-keys/${key.id}/rotate`)
        .set(...bearer(user.accessToken))
        .send({})
        .expect(200);
      await request(t.http)
        .post(`${API}/api-keys/${key.id}/revoke`)
        .set(...bearer(user.accessToken))
        .expect(200);
      await signIn(t.http, user.email, user.password);
      const types = [
        'webhook.created',
        'api_key.created',
        'api_key.rotated',
        'api_key.revoked',
        'user.signed_in',
      ];
      const accepted = await r.waitFor((events) => events.length === types.length);
      expect(accepted.map((e) => e.type)).toEqual(types);

      const audited = await allEvents(t.http, user.accessToken);
      for (const [i, event] of accepted.entries()) {
        const source = audited.find((e) => e.id === event.id);
        expect(source).toBeDefined();
        if (!source) continue;
        expect(r.requests[i].headers['keyward-event-id']).toBe(source.id);
        expect(event.type).toBe(source.action);
        expect(event.at).toBe(source.at);
        expect(event.data).toEqual({
          actor: source.actor,
          ...(source.target ? { target: source.target } : {}),
          ...(source.changes ? { changes: source.changes } : {}),
        });
      }
      const byType = new Map(accepted.map((e) => [e.type, e]));
      expect(byType.get('webhook.created')?.data.target).toEqual({ type: 'webhook', id: hook.id });
      expect(byType.get('user.signed_in')?.data.target).toEqual({ type: 'user', id: user.id });
      expect(byType.get('api_key.rotated')?.data.changes).toMatchObject({
        key_prefix: {
          to: (rotated.body as { api_key: { key_prefix: string } }).api_key.key_prefix,
        },
      });
      const newKey = (rotated.body as { key: string }).key;
      for (const { raw } of r.requests) {
        for (const secret of [key.key, newKey, hook.secret, user.password]) {
          expect(raw).not.toContain(secret);
        }
      }
    });

    it("never sends a user's webhook another user's events, whoever made the change", async () => {
      const [alice, bob] = await Promise.all([createUser(t.http), createUser(t.http)]);
      const [ra, rb, rAdmin] = await Promise.all([receiver(), receiver(), receiver()]);
      const aliceHook = await createWebhook(t, alice, { url: ra.url, events: ['*'] });
      const bobHook = await createWebhook(t, bob, { url: rb.url, events: ['*'] });
      // The admin's own webhook (not all: true) hears of the admin's account only.
      const adminHook = await createWebhook(t, admin, { url: rAdmin.url, events: ['*'] });
      const aliceKey = await createApiKey(t.http, alice);
      await request(t.http)
        .post(`${API}/api-keys/${aliceKey.id}/rotate`)
        .set(...bearer(alice.accessToken))
        .send({})
        .expect(200);
      await signIn(t.http, alice.email, alice.password);
      // The admin acts on Alice's key: the event is about Alice's key.
      await request(t.http)
        .post(`${API}/api-keys/${aliceKey.id}/revoke`)
        .set(...bearer(admin.accessToken))
        .expect(200);
      const bobKey = await createApiKey(t.http, bob);
      await ra.waitFor((events) => events.some((e) => e.type === 'api_key.revoked'));
      await rb.waitFor((events) => events.some((e) => e.type === 'api_key.created'));
      await sleep(300);
      expect(ra.accepted().map((e) => [e.type, keyIdOf(e)])).toEqual([
        ['webhook.created', aliceHook.id],
        ['api_key.created', aliceKey.id],
        ['api_key.rotated', aliceKey.id],
        ['user.signed_in', alice.id],
        ['api_key.revoked', aliceKey.id],
      ]);
      expect(ra.accepted()[4].data.actor).toEqual({ type: 'user', id: admin.id });
      expect(rb.accepted().map((e) => [e.type, keyIdOf(e)])).toEqual([
        ['webhook.created', bobHook.id],
        ['api_key.created', bobKey.id],
      ]);
      expect(rAdmin.accepted().map((e) => [e.type, keyIdOf(e)])).toEqual([
        ['webhook.created', adminHook.id],
      ]);
      await request(t.http)
        .delete(`${API}/webhooks/${adminHook.id}`)
        .set(...bearer(admin.accessToken))
        .expect(200);
    });

    it('never delivers the event of a change that was rolled back', async () => {
      const user = await createUser(t.http);
      const r = await receiver();
      const hook = await createWebhook(t, user, { url: r.url, events: ['*'] });
      const key = await createApiKey(t.http, user);
      // The key's update fails at commit, after its event was written to the outbox.
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
          .patch(`${API}/api-keys/${key.id}`)
          .set(...bearer(user.accessToken))
          .send({ name: 'never so' })
          .expect(500);
      } finally {
        await t.dataSource.query(`DROP TRIGGER ${name} ON api_keys`);
        await t.dataSource.query(`DROP FUNCTION ${name}()`);
      }
      await request(t.http)
        .post(`${API}/api-keys/${key.id}/revoke`)
        .set(...bearer(user.accessToken))
        .expect(200);
      await r.waitFor((events) => events.some((e) => e.type === 'api_key.revoked'));
      await sleep(300);
      expect(r.accepted().map((e) => e.type)).toEqual([
        'webhook.created',
        'api_key.created',
        'api_key.revoked',
      ]);
      expect(r.requests.some((q) => q.raw.includes('never so'))).toBe(false);
      const deliveries = await request(t.http)
        .get(`${API}/webhooks/${hook.id}/deliveries`)
        .set(...bearer(user.accessToken))
        .expect(200);
      expect(
        (deliveries.body as { deliveries: { event_type: string }[] }).deliveries.map(
          (d) => d.event_type,
        ),
      ).toEqual(['api_key.revoked', 'api_key.created', 'webhook.created']);
    });

    it('alerts once an hour when a key hits its rate limit', async () => {
      const user = await createUser(t.http);
      const r = await receiver();
      await createWebhook(t, user, { url: r.url, events: ['api_key.rate_limited'] });
      const key = await createApiKey(t.http, user, { rate_limit_per_minute: 1 });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          (await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key.key)).status,
        );
      }
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
      const [event] = await r.waitFor((events) => events.length === 1);
      expect(event).toMatchObject({
        type: 'api_key.rate_limited',
        data: { api_key: { id: key.id }, rate_limit_per_minute: 1 },
      });
      await sleep(300);
      expect(r.accepted()).toHaveLength(1);
    });
  });

  describe('rate-limit alerts over time', () => {
    afterEach(() => jest.restoreAllMocks());

    it('alerts at most once in any hour, also across the turn of a clock hour', async () => {
      const user = await createUser(t.http);
      const r = await receiver();
      await createWebhook(t, user, { url: r.url, events: ['api_key.rate_limited'] });
      const key = await createApiKey(t.http, user, { rate_limit_per_minute: 1 });
      const clock = t.app.get(Clock);
      const alerts = t.app.get(WebhookAlerts);
      const hour = 3600_000;
      const lastMinuteOfAnHour = Math.floor(Date.now() / hour) * hour + hour - 30_000;
      /** Requests with the key at `ms` until one is refused, then the alerts are written. */
      const limitedAt = async (ms: number): Promise<void> => {
        jest.spyOn(clock, 'now').mockImplementation(() => new Date(ms));
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) {
          const res = await request(t.http).get(`${API}/auth/user`).set('X-API-Key', key.key);
          statuses.push(res.status);
        }
        expect(statuses).toContain(429);
        await alerts.flushRateLimited();
      };
      await limitedAt(lastMinuteOfAnHour); // xx:59:30
      await r.waitFor((events) => events.length === 1);
      await limitedAt(lastMinuteOfAnHour + 40_000); // the next hour's 00:00:10
      await limitedAt(lastMinuteOfAnHour + hour - 1000); // 59:59 after the first
      await sleep(300);
      expect(r.accepted()).toHaveLength(1);
      await limitedAt(lastMinuteOfAnHour + hour + 1000); // an hour and a second after it
      const events = await r.waitFor((received) => received.length === 2);
      expect(events.map((e) => [e.type, keyIdOf(e)])).toEqual([
        ['api_key.rate_limited', key.id],
        ['api_key.rate_limited', key.id],
      ]);
    });
  });

  describe('expiry warnings', () => {
    afterEach(() => jest.restoreAllMocks());

    it('warns 7 days and 1 day before a key expires, once each', async () => {
      const user = await createUser(t.http);
      const r = await receiver();
      await createWebhook(t, user, { url: r.url, events: ['api_key.expiring'] });
      const start = Date.now();
      const day = 24 * 3600_000;
      const key = await createApiKey(t.http, user, {
        expires_at: new Date(start + 10 * day).toISOString(),
      });
      const clock = t.app.get(Clock);
      const alerts = t.app.get(WebhookAlerts);
      const at = (ms: number): void => {
        jest.spyOn(clock, 'now').mockImplementation(() => new Date(ms));
      };
      at(start + 2 * day); // 8 days left: no warning yet
      await alerts.scanExpiringKeys();
      at(start + 3.5 * day); // 6.5 days left
      await alerts.scanExpiringKeys();
      await alerts.scanExpiringKeys();
      await r.waitFor((events) => events.length === 1);
      at(start + 9.5 * day); // half a day left
      await alerts.scanExpiringKeys();
      await alerts.scanExpiringKeys();
      const events = await r.waitFor((received) => received.length === 2);
      await sleep(200);
      expect(r.accepted()).toHaveLength(2);
      expect(events.map((e) => [e.type, keyIdOf(e), e.data.expires_in])).toEqual([
        ['api_key.expiring', key.id, '7d'],
        ['api_key.expiring', key.id, '1d'],
      ]);
    });
  });
});

/**
 * Alone with its strict instance: this file's other apps may deliver to private addresses, and
 * their workers would take these deliveries from the shared outbox and send them.
 */
describe('Webhooks: address rules', () => {
  let strict: TestApp;
  const receivers: Receiver[] = [];
  const receiver = async (): Promise<Receiver> => {
    const r = await new Receiver().start();
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    strict = await startListeningApp({
      ...WEBHOOK_ENV,
      WEBHOOK_ALLOW_PRIVATE_URLS: 'false',
    });
  });

  afterAll(async () => {
    await strict.close();
    await Promise.all(receivers.map((r) => r.stop()));
  });

  it.each([
    'http://127.0.0.1:8080/',
    'http://localhost/',
    'http://10.1.2.3/',
    'http://172.16.0.1/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://0.0.0.0/',
    'http://2130706433/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'gopher://hooks.example.com/',
  ])('refuses %s at creation without WEBHOOK_ALLOW_PRIVATE_URLS', async (url) => {
    const user = await createUser(strict.http);
    const res = await request(strict.http)
      .post(`${API}/webhooks`)
      .set(...bearer(user.accessToken))
      .send({ url, events: ['*'] });
    expectError(res, 400, 'webhook_url_not_allowed');
  });

  it('accepts a public address', async () => {
    const user = await createUser(strict.http);
    const hook = await createWebhook(strict, user, {
      url: 'https://93.184.216.34/hook',
      events: ['*'],
    });
    expect(hook.secret).toMatch(/^whsec_/);
  });

  it('refuses, at delivery, a name that now resolves to loopback, and records why', async () => {
    const user = await createUser(strict.http);
    const r = await receiver();
    const hook = await createWebhook(strict, user, {
      url: 'https://93.184.216.34/hook',
      events: ['api_key.created'],
    });
    // The name's answer changed after the check at creation (as a rebinding attacker's does).
    await strict.dataSource.query(`UPDATE webhooks SET url = $2 WHERE id = $1`, [
      hook.id,
      `http://localhost:${r.port}/hook`,
    ]);
    await createApiKey(strict.http, user);
    let delivery: Record<string, unknown> = {};
    const took = await pollUntil(
      async () => {
        const res = await request(strict.http)
          .get(`${API}/webhooks/${hook.id}/deliveries`)
          .set(...bearer(user.accessToken));
        delivery = (res.body as { deliveries: Record<string, unknown>[] }).deliveries[0] ?? {};
        return Number(delivery.attempts ?? 0) >= 1;
      },
      { giveUpMs: 10_000 },
    );
    expect(took).not.toBeNull();
    expect(delivery.status).toBe('pending');
    expect(delivery.error).toMatch(/^refused: localhost resolves to/);
    expect(delivery).not.toHaveProperty('response_status');
    expect(r.requests).toHaveLength(0);
  });
});

interface TwoInstances {
  a: TestApp;
  b: TestApp;
  user: TestUser;
  r: Receiver;
}

/** Two instances with delivery workers, and a user of theirs whose webhook sends `events` to `r`. */
async function onTwoInstances(
  events: string[],
  run: (instances: TwoInstances) => Promise<void>,
): Promise<void> {
  const [a, b] = await Promise.all([
    startListeningApp(WEBHOOK_ENV),
    startListeningApp(WEBHOOK_ENV),
  ]);
  const r = await new Receiver().start();
  try {
    const user = await createUser(a.http);
    await createWebhook(a, user, { url: r.url, events });
    await run({ a, b, user, r });
  } finally {
    await Promise.all([a.close(), b.close()]);
    await r.stop();
  }
}

describeServerPostgres(`Webhooks across instances and restarts${SERVER_PG_TAG}`, () => {
  afterEach(() => jest.restoreAllMocks());

  it('delivers an event queued while the receiver was down, after the service restarts', async () => {
    const port = await freePort();
    let first: TestApp | undefined = await startListeningApp(WEBHOOK_ENV);
    const user = await createUser(first.http);
    const hook = await createWebhook(first, user, {
      url: `http://127.0.0.1:${port}/hook`,
      events: ['api_key.created'],
    });
    const key = await createApiKey(first.http, user);
    // Wait for at least one failed try: the receiver is not listening yet.
    const app = first;
    const tried = await pollUntil(async () => {
      const [row] = await app.dataSource.query<{ attempts: number }[]>(
        `SELECT attempts FROM webhook_deliveries WHERE webhook_id = $1`,
        [hook.id],
      );
      return (row?.attempts ?? 0) >= 1;
    });
    expect(tried).not.toBeNull();
    await first.close();
    first = undefined;
    const r = await new Receiver().start(port);
    const second = await startListeningApp(WEBHOOK_ENV);
    try {
      const [event] = await r.waitFor((events) => events.length === 1);
      expect(event).toMatchObject({
        type: 'api_key.created',
        data: { target: { type: 'api_key', id: key.id } },
      });
    } finally {
      await second.close();
      await r.stop();
    }
  });

  it('alerts a rate-limited key again an hour after the alert of whichever instance sent it', () =>
    onTwoInstances(['api_key.rate_limited'], async ({ a, b, user, r }) => {
      const key = await createApiKey(a.http, user, { rate_limit_per_minute: 1 });
      const limited = { id: key.id, userId: user.id, rateLimitPerMinute: 1 };
      const start = Date.now();
      const minute = 60_000;
      /** A 429 of the key noted on `app` at `ms`, and the alerts it noted written. */
      const limitedOn = async (app: TestApp, ms: number): Promise<void> => {
        jest.spyOn(app.app.get(Clock), 'now').mockImplementation(() => new Date(ms));
        const alerts = app.app.get(WebhookAlerts);
        alerts.apiKeyRateLimited(limited);
        await alerts.flushRateLimited();
      };
      await limitedOn(a, start); // A alerts
      await r.waitFor((events) => events.length === 1);
      await limitedOn(b, start + 30 * minute); // within A's hour: B stays silent
      await limitedOn(b, start + 61 * minute); // A's hour is over: B alerts
      const events = await r.waitFor((received) => received.length === 2);
      expect(events.map(keyIdOf)).toEqual([key.id, key.id]);
    }));

  it('never delivers one event twice when two instances deliver', () =>
    onTwoInstances(['api_key.created'], async ({ a, b, user, r }) => {
      const keys = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          createApiKey((i % 2 ? a : b).http, user, { name: `k${i}` }),
        ),
      );
      await r.waitFor((events) => events.length >= 20);
      await sleep(500);
      const ids = r.requests.map((q) => q.event.id);
      expect(ids).toHaveLength(20);
      expect(new Set(ids).size).toBe(20);
      expect(new Set(r.accepted().map(keyIdOf))).toEqual(new Set(keys.map((k) => k.id)));
    }));
});
