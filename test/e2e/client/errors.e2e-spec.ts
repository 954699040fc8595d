import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, KeywardError } from '@keyward/client';
import { createApiKey, createUser, type TestUser } from '../../helpers/factories';
import { startListeningApp, type ListeningApp } from './server';

/** The error a promise rejects with (fails the test if it resolves). */
async function failure(promise: Promise<unknown>): Promise<KeywardError> {
  const err = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KeywardError);
  return err as KeywardError;
}

describe('client: errors', () => {
  let t: ListeningApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await startListeningApp();
    user = await createUser(t.http);
  });
  afterAll(() => t.close());

  it('a revoked key, used by a client created with apiKey, is api_key_revoked', async () => {
    const { id, key } = await createApiKey(t.http, user);
    const service = createClient({ url: t.url, apiKey: key });
    await expect(service.auth.getUser()).resolves.toMatchObject({ id: user.id });

    const owner = createClient({ url: t.url, accessToken: user.accessToken });
    await owner.management.apiKeys.revoke(id);

    const err = await failure(service.auth.getUser());
    expect(err).toMatchObject({ status: 401, code: 'api_key_revoked', details: [] });
    expect(err.message).toEqual(expect.any(String));
    expect(err.name).toBe('KeywardError');
  });

  it('a wrong password is invalid_credentials', async () => {
    const client = createClient({ url: t.url });
    const err = await failure(
      client.auth.login({ email: user.email, password: 'not the right passphrase at all' }),
    );
    expect(err).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(client.auth.getSession()).toBeNull();
  });

  it('a validation failure is validation_failed with the details', async () => {
    const client = createClient({ url: t.url, accessToken: user.accessToken });
    const err = await failure(
      client.management.apiKeys.create({
        name: '',
        scopes: ['read:users'],
        rate_limit_per_minute: 0,
      }),
    );
    expect(err).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(err.details.map((d) => d.field).sort()).toEqual(['name', 'rate_limit_per_minute']);
    for (const detail of err.details) expect(detail.problem).toEqual(expect.any(String));
  });

  it('an unknown key id is not_found', async () => {
    const client = createClient({ url: t.url, accessToken: user.accessToken });
    const err = await failure(client.management.apiKeys.get(randomUUID()));
    expect(err).toMatchObject({ status: 404, code: 'not_found' });
    await expect(client.management.apiKeys.delete(randomUUID())).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });
  });

  it('a malformed key id is invalid_id', async () => {
    const client = createClient({ url: t.url, accessToken: user.accessToken });
    await expect(client.management.apiKeys.get('key-uuid')).rejects.toMatchObject({
      status: 400,
      code: 'invalid_id',
    });
  });

  it('key management with an API key is user_session_required', async () => {
    const { key } = await createApiKey(t.http, user);
    const service = createClient({ url: t.url, apiKey: key });
    await expect(service.management.apiKeys.list()).rejects.toMatchObject({
      status: 403,
      code: 'user_session_required',
    });
  });

  it('a server that cannot be reached is network_error', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((done) => closed.close(() => done()));

    const client = createClient({ url: `http://127.0.0.1:${port}` });
    const err = await failure(client.management.apiKeys.list());
    expect(err).toMatchObject({ status: 0, code: 'network_error' });
    expect(err.message).toContain(`127.0.0.1:${port}`);
  });

  describe('a server that never answers', () => {
    let silent: Server;
    let url: string;
    beforeAll(async () => {
      silent = createServer(() => undefined); // accepts, never responds
      await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
      url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      silent.closeAllConnections();
      await new Promise<void>((done) => silent.close(() => done()));
    });

    it('is a timeout after `timeout` ms', async () => {
      const client = createClient({ url, timeout: 200 });
      const started = Date.now();
      const err = await failure(client.auth.getUser());
      expect(err).toMatchObject({ status: 0, code: 'timeout' });
      expect(Date.now() - started).toBeLessThan(5_000);
    });
  });

  it('an answer that is not in the error shape still becomes a KeywardError', async () => {
    const client = createClient({
      url: t.url,
      fetch: () =>
        Promise.resolve(
          new Response('Bad gateway', { status: 502, headers: { 'content-type': 'text/plain' } }),
        ),
    });
    const err = await failure(client.management.apiKeys.list());
    expect(err).toMatchObject({ status: 502, code: 'http_502', message: 'Bad gateway' });
  });

  it('sends the headers option and the API key on every call', async () => {
    const { key } = await createApiKey(t.http, user);
    const seen: Request[] = [];
    const client = createClient({
      url: t.url,
      apiKey: key,
      headers: { 'X-Request-Id': 'client-test-1' },
      fetch: (request) => {
        seen.push(request.clone());
        return fetch(request);
      },
    });
    await client.auth.getUser();
    await client.auth.getUser();
    expect(seen).toHaveLength(2);
    for (const request of seen) {
      expect(request.headers.get('x-api-key')).toBe(key);
      expect(request.headers.get('x-request-id')).toBe('client-test-1');
      expect(request.headers.get('authorization')).toBeNull();
    }
  });
});
