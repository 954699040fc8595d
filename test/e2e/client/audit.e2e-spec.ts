import { createClient, KeywardError, type AuditEvent } from '@keyward/client';
import { createUser, uniqueEmail, type TestUser } from '../../helpers/factories';
import { ADMIN_PASSWORD } from '../../helpers/keyed';
import { startListeningApp, type ListeningApp } from './server';

describe('client: management.audit', () => {
  let t: ListeningApp;
  let user: TestUser;
  let client: ReturnType<typeof createClient>;
  let admin: ReturnType<typeof createClient>;
  let keyId: string;

  beforeAll(async () => {
    const adminEmail = uniqueEmail('admin');
    t = await startListeningApp({ ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD });
    user = await createUser(t.http);
    client = createClient({ url: t.url });
    await client.auth.login({ email: user.email, password: user.password });
    keyId = (await client.management.apiKeys.create({ name: 'audited', scopes: ['read:users'] }))
      .api_key.id;
    await client.management.apiKeys.revoke(keyId);
    admin = createClient({ url: t.url });
    await admin.auth.login({ email: adminEmail, password: ADMIN_PASSWORD });
  });
  afterAll(() => t.close());

  it('lists the caller’s events, filtered and paged, typed as the document says', async () => {
    const { events } = await client.management.audit.list({ target_id: keyId });
    const actions: AuditEvent['action'][] = events.map((e) => e.action);
    expect(actions).toEqual(['api_key.revoked', 'api_key.created']);
    expect(events[0].actor).toEqual({ type: 'user', id: user.id });

    const first = await client.management.audit.list({ limit: 1 });
    expect(first.events).toHaveLength(1);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = await client.management.audit.list({ limit: 1, cursor: first.next_cursor });
    expect(second.events[0].seq).toBeLessThan(first.events[0].seq);

    const revokes = await client.management.audit.list({ action: 'api_key.revoked' });
    expect(revokes.events.map((e) => e.target?.id)).toEqual([keyId]);
  });

  it('verifies the chain for an admin and refuses others with their codes', async () => {
    await expect(admin.management.audit.verify()).resolves.toMatchObject({ ok: true });
    const refused = await client.management.audit.verify().catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(KeywardError);
    expect(refused).toMatchObject({ status: 403, code: 'forbidden' });
    const bad = await client.management.audit.list({ cursor: 'nope' }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ status: 400, code: 'invalid_cursor' });
  });
});
