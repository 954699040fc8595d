import { createClient } from '@keyward/client';
import { STRONG_PASSWORD, uniqueEmail } from '../../helpers/factories';
import { startListeningApp, type ListeningApp } from './server';

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** Access tokens live one second here: every wait of 1.5 s outlives one. */
describe('client: transparent token refresh', () => {
  let t: ListeningApp;
  let calls: string[];

  beforeAll(async () => {
    t = await startListeningApp({ JWT_ACCESS_TTL_SECONDS: '1' });
  });
  afterAll(() => t.close());

  /** A signed-up client whose fetch records `METHOD /path -> status`. */
  async function signedUp(): Promise<ReturnType<typeof createClient>> {
    calls = [];
    const client = createClient({
      url: t.url,
      fetch: async (request) => {
        const response = await fetch(request);
        calls.push(`${request.method} ${new URL(request.url).pathname} -> ${response.status}`);
        return response;
      },
    });
    await client.auth.signUp({ email: uniqueEmail('refresh'), password: STRONG_PASSWORD });
    calls = [];
    return client;
  }

  it('renews an expired access token once, through the refresh token, and retries', async () => {
    const client = await signedUp();
    const before = client.auth.getSession();
    await sleep(1_500);

    const created = await client.management.apiKeys.create({
      name: 'After expiry',
      scopes: ['read:users'],
    });

    expect(created.api_key.name).toBe('After expiry'); // the body was sent again intact
    expect(calls).toEqual([
      'POST /api/v1/api-keys -> 401',
      'POST /api/v1/auth/refresh -> 200',
      'POST /api/v1/api-keys -> 201',
    ]);
    const after = client.auth.getSession();
    expect(after?.access_token).not.toBe(before?.access_token);
    expect(after?.refresh_token).not.toBe(before?.refresh_token);
    await expect(client.management.apiKeys.list()).resolves.toMatchObject({ total: 1 });
  });

  it('refreshes only once for concurrent calls', async () => {
    const client = await signedUp();
    await sleep(1_500);

    const [user, list] = await Promise.all([
      client.auth.getUser(),
      client.management.apiKeys.list(),
    ]);

    expect(user.email).toMatch(/^refresh-/);
    expect(list).toEqual({ api_keys: [], total: 0 });
    expect(calls.filter((c) => c.includes('/auth/refresh'))).toEqual([
      'POST /api/v1/auth/refresh -> 200',
    ]);
  });

  it('surfaces token_expired and forgets the session when the refresh token is refused', async () => {
    const client = await signedUp();
    const session = client.auth.getSession();
    client.auth.setSession({ ...session!, refresh_token: 'not-a-refresh-token' });
    await sleep(1_500);

    await expect(client.management.apiKeys.list()).rejects.toMatchObject({
      status: 401,
      code: 'token_expired',
    });
    expect(calls).toEqual(['GET /api/v1/api-keys -> 401', 'POST /api/v1/auth/refresh -> 401']);
    expect(client.auth.getSession()).toBeNull();
  });

  it('auth.refresh() and signOut() work on the stored session', async () => {
    const client = await signedUp();
    const first = client.auth.getSession();
    const renewed = await client.auth.refresh();
    expect(renewed.refresh_token).not.toBe(first?.refresh_token);
    expect(client.auth.getSession()).toEqual(renewed);

    await expect(client.auth.signOut()).resolves.toEqual({
      message: expect.any(String) as unknown,
    });
    expect(client.auth.getSession()).toBeNull();
    await expect(client.auth.refresh()).rejects.toMatchObject({ status: 0, code: 'no_session' });
    // The server ended the session too: its refresh token no longer works.
    const stale = createClient({ url: t.url });
    stale.auth.setSession(renewed);
    await expect(stale.auth.refresh()).rejects.toMatchObject({ status: 401 });
  });
});
