import request from 'supertest';
import { Clock } from '../../../src/common/clock';
import {
  API,
  bearer,
  createApiKey,
  createUser,
  sleep,
  type TestUser,
} from '../../helpers/factories';
import { startListeningApp } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';
import { Receiver, type ReceivedEvent } from './receiver';

/** Delivery on loopback, polled often. */
const WEBHOOK_ENV = {
  WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
  WEBHOOK_RETRY_BASE_MS: '100',
  WEBHOOK_POLL_INTERVAL_MS: '50',
  WEBHOOK_WORKER_ENABLED: 'true',
};

/** Long enough for the worker (polling every 50 ms) to deliver anything it was going to. */
const SETTLE_MS = 400;

describe('Webhooks: api_key.credits_low', () => {
  let t: TestApp;
  let user: TestUser;
  let r: Receiver;

  beforeAll(async () => {
    t = await startListeningApp(WEBHOOK_ENV);
    r = await new Receiver().start();
    user = await createUser(t.http);
    await request(t.http)
      .post(`${API}/webhooks`)
      .set(...bearer(user.accessToken))
      .send({ url: r.url, events: ['api_key.credits_low'] })
      .expect(201);
  });

  afterAll(async () => {
    await t.close();
    await r.stop();
  });

  const lowFor = (id: string): ReceivedEvent[] =>
    r
      .accepted()
      .filter(
        (e) => e.type === 'api_key.credits_low' && (e.data.api_key as { id?: string }).id === id,
      );

  const me = (key: string): request.Test =>
    request(t.http).get(`${API}/auth/user`).set('X-API-Key', key);

  it('fires once when a balance of 10 falls to 1, again after the balance is set anew', async () => {
    const key = await createApiKey(t.http, user, {
      credits: { remaining: 10 },
      rate_limit_per_minute: 1000,
    });
    for (let i = 1; i <= 8; i++) await me(key.key).expect(200);
    await sleep(SETTLE_MS);
    expect(lowFor(key.id)).toHaveLength(0);

    const ninth = await me(key.key).expect(200);
    expect(ninth.headers['x-credits-remaining']).toBe('1');
    await r.waitFor(() => lowFor(key.id).length === 1);
    const [event] = lowFor(key.id);
    expect(event.data).toEqual({
      api_key: { id: key.id, user_id: user.id },
      credits: { remaining: 1, last_balance: 10 },
    });

    // The last credit and the refusals after it cross nothing again.
    await me(key.key).expect(200);
    await me(key.key).expect(403);
    await sleep(SETTLE_MS);
    expect(lowFor(key.id)).toHaveLength(1);

    // A new balance re-arms it; spent through verify this time (the other path that spends).
    await request(t.http)
      .patch(`${API}/api-keys/${key.id}`)
      .set(...bearer(user.accessToken))
      .send({ credits: { remaining: 5 } })
      .expect(200);
    const verifier = await createApiKey(t.http, user, { scopes: ['verify:api-keys'] });
    const verify = (): request.Test =>
      request(t.http).post(`${API}/api-keys/verify`).set('X-API-Key', verifier.key).send({
        key: key.key,
      });
    for (let i = 4; i >= 1; i--) {
      expect((await verify().expect(200)).body).toMatchObject({
        valid: true,
        credits_remaining: i,
      });
    }
    await sleep(SETTLE_MS);
    expect(lowFor(key.id)).toHaveLength(1);
    expect((await verify().expect(200)).body).toMatchObject({ credits_remaining: 0 });
    await r.waitFor(() => lowFor(key.id).length === 2);
    expect(lowFor(key.id)[1].data).toMatchObject({ credits: { remaining: 0, last_balance: 5 } });
    await sleep(SETTLE_MS);
    expect(lowFor(key.id)).toHaveLength(2);
  });

  it('fires again for each refill, measured against the refill amount', async () => {
    const clock = t.app.get(Clock);
    const at = (iso: string): void => {
      jest.spyOn(clock, 'now').mockImplementation(() => new Date(iso));
    };
    try {
      at('2030-01-10T12:00:00.000Z');
      const key = await createApiKey(t.http, user, {
        credits: { remaining: 2, refill: { amount: 10, interval: 'daily' } },
        rate_limit_per_minute: 1000,
      });
      await me(key.key).expect(200);
      await me(key.key).expect(200);
      await r.waitFor(() => lowFor(key.id).length === 1);
      expect(lowFor(key.id)[0].data).toMatchObject({ credits: { remaining: 0, last_balance: 2 } });

      at('2030-01-11T00:00:00.000Z');
      for (let i = 1; i <= 8; i++) await me(key.key).expect(200);
      await sleep(SETTLE_MS);
      expect(lowFor(key.id)).toHaveLength(1);
      await me(key.key).expect(200);
      await r.waitFor(() => lowFor(key.id).length === 2);
      expect(lowFor(key.id)[1].data).toMatchObject({ credits: { remaining: 1, last_balance: 10 } });
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('never fires for a key without credits', async () => {
    const key = await createApiKey(t.http, user, { rate_limit_per_minute: 1000 });
    for (let i = 0; i < 12; i++) await me(key.key).expect(200);
    await sleep(SETTLE_MS);
    expect(lowFor(key.id)).toHaveLength(0);
  });
});
