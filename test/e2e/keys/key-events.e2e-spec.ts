import request from 'supertest';
import { expectError } from '../../helpers/contract';
import {
  API,
  bearer,
  createApiKey,
  createUser,
  type CreatedKey,
  type TestUser,
} from '../../helpers/factories';
import { describeRedis, REDIS_TAG, REDIS_URL, startListeningApp } from '../../helpers/keyed';
import { changeOf, openEventStream, type SseFrame, type SseStream } from '../../helpers/sse';
import type { TestApp } from '../../helpers/test-app';

/**
 * The key change stream: every change to a key made on any instance reaches subscribers of every
 * instance within a second, with the same id everywhere; Last-Event-ID resumes on any instance,
 * and a resume past what is held starts with a reset.
 */

const EVENTS = `${API}/api-keys/events`;
const changeFor =
  (keyId: string, change: string) =>
  (frame: SseFrame): boolean =>
    frame.event === 'key.changed' &&
    changeOf(frame).key_id === keyId &&
    changeOf(frame).change === change;

describeRedis(`key change stream across two instances${REDIS_TAG}`, () => {
  let a: TestApp;
  let b: TestApp;
  let owner: TestUser;
  let listener: CreatedKey;
  const streams: SseStream[] = [];
  const open = async (t: TestApp, headers: Record<string, string> = {}): Promise<SseStream> => {
    const stream = await openEventStream(t, EVENTS, { 'X-API-Key': listener.key, ...headers });
    streams.push(stream);
    return stream;
  };

  beforeAll(async () => {
    const env = { REDIS_URL: REDIS_URL!, KEY_EVENTS_PING_MS: '200' };
    a = await startListeningApp(env);
    b = await startListeningApp(env);
    owner = await createUser(a.http);
    listener = await createApiKey(a.http, owner, { scopes: ['verify:api-keys'] });
  });
  afterEach(() => {
    for (const stream of streams.splice(0)) stream.close();
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('sends each change made on A to subscribers of A and B with the same id, within 1 s', async () => {
    const onA = await open(a);
    const onB = await open(b);
    expect(onA.status).toBe(200);
    expect(onA.headers['content-type']).toMatch(/^text\/event-stream/);
    const subject = await createApiKey(a.http, owner, {
      name: 'secret-sounding name',
      metadata: { owner_email: 'hidden@example.com' },
    });
    const started = performance.now();
    await request(a.http)
      .patch(`${API}/api-keys/${subject.id}`)
      .set(...bearer(owner.accessToken))
      .send({ description: 'changed' })
      .expect(200);
    await request(a.http)
      .post(`${API}/api-keys/${subject.id}/revoke`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    await request(a.http)
      .delete(`${API}/api-keys/${subject.id}`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    const seen: Record<string, string[]> = { a: [], b: [] };
    for (const change of ['updated', 'revoked', 'deleted']) {
      const [fromA, fromB] = await Promise.all([
        onA.next(changeFor(subject.id, change), 1000),
        onB.next(changeFor(subject.id, change), 1000),
      ]);
      expect(fromA.id).toBeDefined();
      expect(fromB.id).toBe(fromA.id);
      expect(Date.parse(changeOf(fromB).at)).not.toBeNaN();
      seen.a.push(fromA.id!);
      seen.b.push(fromB.id!);
    }
    expect(performance.now() - started).toBeLessThan(2000);
    const ids = seen.a.map(BigInt);
    expect(ids[0] < ids[1] && ids[1] < ids[2]).toBe(true);
    // Nothing about the key but its id and what happened to it.
    for (const stream of [onA, onB]) {
      const text = stream.text();
      expect(text).not.toContain(subject.key);
      expect(text).not.toContain(subject.key.slice(0, 12));
      expect(text).not.toContain('secret-sounding');
      expect(text).not.toContain('hidden@example.com');
      expect(text).not.toContain(owner.id);
      expect(text).not.toContain(owner.email);
      for (const frame of stream.frames.filter((f) => f.event === 'key.changed')) {
        expect(Object.keys(JSON.parse(frame.data!) as object).sort()).toEqual([
          'at',
          'change',
          'key_id',
        ]);
      }
    }
  });

  it('sends concurrent changes from both instances in id order, on A and on B', async () => {
    const onA = await open(a);
    const onB = await open(b);
    const subjects = await Promise.all(
      Array.from({ length: 12 }, () => createApiKey(a.http, owner)),
    );
    // Revoked all at once, half through each instance: ids are given in one order, and the
    // changes reach each instance in another (its own at once, the other's through Redis).
    await Promise.all(
      subjects.map((subject, i) =>
        request((i % 2 === 0 ? a : b).http)
          .post(`${API}/api-keys/${subject.id}/revoke`)
          .set(...bearer(owner.accessToken))
          .expect(200),
      ),
    );
    for (const stream of [onA, onB]) {
      for (const subject of subjects) await stream.next(changeFor(subject.id, 'revoked'), 2000);
      const ids = stream.frames.filter((f) => f.event === 'key.changed').map((f) => BigInt(f.id!));
      expect(ids.length).toBeGreaterThanOrEqual(subjects.length);
      const sorted = [...ids].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      expect(ids.map(String)).toEqual(sorted.map(String));
    }
  });

  it('resumes on B after the last id seen on A', async () => {
    const subject = await createApiKey(a.http, owner);
    const onA = await open(a);
    await request(a.http)
      .patch(`${API}/api-keys/${subject.id}`)
      .set(...bearer(owner.accessToken))
      .send({ name: 'first' })
      .expect(200);
    const first = await onA.next(changeFor(subject.id, 'updated'));
    onA.close();
    // Missed while disconnected:
    await request(a.http)
      .post(`${API}/api-keys/${subject.id}/revoke`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    const resumed = await open(b, { 'Last-Event-ID': first.id! });
    const missed = await resumed.next(changeFor(subject.id, 'revoked'));
    expect(BigInt(missed.id!)).toBeGreaterThan(BigInt(first.id!));
    expect(resumed.frames.some((f) => f.event === 'reset')).toBe(false);
    expect(resumed.frames.some((f) => f.id === first.id)).toBe(false);
  });

  it('starts with a reset when the id is older than what is held, or not one of ours', async () => {
    const subject = await createApiKey(a.http, owner);
    await request(a.http)
      .patch(`${API}/api-keys/${subject.id}`)
      .set(...bearer(owner.accessToken))
      .send({ name: 'x' })
      .expect(200);
    // What pruning does to changes older than the retention.
    await a.dataSource.query(`DELETE FROM key_changes`);
    for (const lastEventId of ['1', 'not-an-id']) {
      const stream = await open(b, { 'Last-Event-ID': lastEventId });
      const reset = await stream.next((f) => f.event === 'reset');
      const firstEvent = stream.frames.find((f) => f.event !== undefined);
      expect(firstEvent).toBe(reset);
    }
    // Live changes still follow a reset.
    const stream = await open(b, { 'Last-Event-ID': '1' });
    await stream.next((f) => f.event === 'reset');
    await request(a.http)
      .post(`${API}/api-keys/${subject.id}/revoke`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    await stream.next(changeFor(subject.id, 'revoked'));
  });

  it('sends a ping comment on its interval', async () => {
    const stream = await open(a);
    const ping = await stream.next((f) => f.comment === 'ping', 2000);
    expect(ping).toEqual({ comment: 'ping' });
  });

  it('refuses callers without verify:api-keys, and keys, without a stream', async () => {
    const reader = await createApiKey(a.http, owner, { scopes: ['read:users'] });
    expectError(
      await request(a.http).get(EVENTS).set('X-API-Key', reader.key),
      403,
      'insufficient_scope',
    );
    expectError(await request(a.http).get(EVENTS), 401, 'missing_credentials');
  });

  it('ends open streams when the instance shuts down', async () => {
    const extra = await startListeningApp({ REDIS_URL: REDIS_URL! });
    const stream = await openEventStream(extra, EVENTS, { 'X-API-Key': listener.key });
    await stream.next((f) => f.comment === 'connected');
    const closing = extra.close();
    await expect(
      Promise.race([
        stream.ended,
        new Promise((_, fail) => setTimeout(() => fail(new Error('stream still open')), 3000)),
      ]),
    ).resolves.toBeUndefined();
    await closing;
  });
});

describe('key change stream, one instance', () => {
  let t: TestApp;
  let owner: TestUser;
  beforeAll(async () => {
    t = await startListeningApp({});
    owner = await createUser(t.http);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves a user session too, and tells of changes made on the same instance', async () => {
    const stream = await openEventStream(t, EVENTS, bearerHeader(owner.accessToken));
    const subject = await createApiKey(t.http, owner);
    await request(t.http)
      .post(`${API}/api-keys/${subject.id}/revoke`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    await stream.next(changeFor(subject.id, 'revoked'), 1000);
    stream.close();
  });
});

describe('key change stream, changes of an owner', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startListeningApp({});
  });
  afterAll(async () => {
    await t?.close();
  });

  it('tells of every key of a deleted user as deleted', async () => {
    const doomed = await createUser(t.http);
    const first = await createApiKey(t.http, doomed);
    const second = await createApiKey(t.http, doomed);
    const stream = await openEventStream(t, EVENTS, bearerHeader(doomed.accessToken));
    await request(t.http)
      .delete(`${API}/users/${doomed.id}`)
      .set(...bearer(doomed.accessToken))
      .expect(200);
    await stream.next(changeFor(first.id, 'deleted'), 1000);
    await stream.next(changeFor(second.id, 'deleted'), 1000);
    expect(stream.text()).not.toContain(doomed.id);
    stream.close();
  });
});

describeRedis(`key change stream of a deployment sharing its Redis${REDIS_TAG}`, () => {
  let ours: TestApp;
  let theirs: TestApp;
  let owner: TestUser;
  let listener: CreatedKey;
  const streams: SseStream[] = [];

  beforeAll(async () => {
    const env = { REDIS_URL: REDIS_URL!, KEY_EVENTS_PING_MS: '200' };
    ours = await startListeningApp(env);
    // Another deployment on the same Redis, told apart by its key prefix, as operators do.
    theirs = await startListeningApp({
      ...env,
      REDIS_KEY_PREFIX: `${process.env.REDIS_KEY_PREFIX ?? 'kw:'}theirs:`,
    });
    owner = await createUser(ours.http);
    listener = await createApiKey(ours.http, owner, { scopes: ['verify:api-keys'] });
  });
  afterAll(async () => {
    for (const stream of streams.splice(0)) stream.close();
    await Promise.all([ours?.close(), theirs?.close()]);
  });

  it("hears its own key changes and not another deployment's", async () => {
    const open = async (t: TestApp): Promise<SseStream> => {
      const stream = await openEventStream(t, EVENTS, { 'X-API-Key': listener.key });
      streams.push(stream);
      return stream;
    };
    const [onOurs, onTheirs] = [await open(ours), await open(theirs)];
    const subject = await createApiKey(ours.http, owner);
    await request(ours.http)
      .post(`${API}/api-keys/${subject.id}/revoke`)
      .set(...bearer(owner.accessToken))
      .expect(200);
    await onOurs.next(changeFor(subject.id, 'revoked'), 1000);
    // Given the time the change took to reach our stream, and as long again.
    await new Promise((done) => setTimeout(done, 1000));
    expect(onTheirs.text()).not.toContain(subject.id);
  });
});

function bearerHeader(token: string): Record<string, string> {
  const [name, value] = bearer(token);
  return { [name]: value };
}
