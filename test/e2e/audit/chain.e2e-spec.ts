import request from 'supertest';
import { AuditRetention } from '../../../src/audit/audit-retention';
import { AuditService } from '../../../src/audit/audit.service';
import {
  API,
  bearer,
  createApiKey,
  createUser,
  sleep,
  signIn,
  uniqueEmail,
} from '../../helpers/factories';
import {
  ADMIN_PASSWORD,
  describeServerPostgres,
  SERVER_PG_TAG,
  startListeningApp,
} from '../../helpers/keyed';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';
import type { TestApp } from '../../helpers/test-app';
import type { TestUser } from '../../helpers/factories';
import { verifyChain } from './helpers';

/**
 * The chain on a database of its own: these tests edit, delete and prune stored events, which
 * must not disturb the events other suites of the run are reading.
 */
describeServerPostgres(`Audit log: the hash chain${SERVER_PG_TAG}`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let second: TestApp;
  let admin: TestUser;

  beforeAll(async () => {
    db = await createTestDatabase();
    const email = uniqueEmail('admin');
    const env = { DATABASE_URL: db.url, ADMIN_EMAIL: email, ADMIN_PASSWORD };
    t = await startListeningApp(env);
    // A second instance on the same database: writers on both must share one chain.
    second = await startListeningApp(env);
    admin = await signIn(t.http, email, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
    await db?.drop();
  });

  const verify = () => verifyChain(t.http, admin.accessToken);
  const sql = <T>(text: string, params: unknown[] = []): Promise<T> =>
    t.dataSource.query<T>(text, params);
  const seqRange = async (): Promise<{ count: number; min: number; max: number }> => {
    const [row] = await sql<{ count: string; min: string; max: string }[]>(
      'SELECT count(*) AS count, min(seq) AS min, max(seq) AS max FROM audit_events',
    );
    return { count: Number(row.count), min: Number(row.min), max: Number(row.max) };
  };

  it('keeps one unbroken chain while two instances create keys concurrently', async () => {
    const users = await Promise.all([createUser(t.http), createUser(second.http)]);
    const before = await seqRange();
    const creations = Array.from({ length: 40 }, (_, i) =>
      request(i % 2 === 0 ? t.http : second.http)
        .post(`${API}/api-keys`)
        .set(...bearer(users[i % 2].accessToken))
        .send({ name: `parallel ${i}`, scopes: ['read:users'] })
        .expect(201),
    );
    await Promise.all(creations);
    const after = await seqRange();
    expect(after.count - before.count).toBe(40);
    // Contiguous: no seq taken twice, none skipped.
    expect(after.max - after.min + 1).toBe(after.count);
    const [{ forks }] = await sql<{ forks: string }[]>(
      'SELECT count(*) - count(DISTINCT prev_hash) AS forks FROM audit_events',
    );
    expect(Number(forks)).toBe(0);
    expect(await verify()).toEqual({ ok: true, checked: after.count });
  });

  it('names the seq of an edited event, and holds again once it is put back', async () => {
    const user = await createUser(t.http);
    await createApiKey(t.http, user);
    const { max } = await seqRange();
    const seq = max - 1;
    const [{ ip }] = await sql<{ ip: string | null }[]>(
      'SELECT ip FROM audit_events WHERE seq = $1',
      [seq],
    );
    await sql('UPDATE audit_events SET ip = $1 WHERE seq = $2', ['203.0.113.66', seq]);
    expect(await verify()).toMatchObject({ ok: false, first_bad_seq: seq });
    await sql('UPDATE audit_events SET ip = $1 WHERE seq = $2', [ip, seq]);
    expect(await verify()).toMatchObject({ ok: true });

    // Editing the changes, or the account an event is about, is caught the same way.
    await sql(`UPDATE audit_events SET owner_user_id = gen_random_uuid() WHERE seq = $1`, [seq]);
    expect(await verify()).toMatchObject({ ok: false, first_bad_seq: seq });
  });

  it('names the event after a deleted one, and the missing newest one', async () => {
    await restoreFromScratch();
    const user = await createUser(t.http);
    await createApiKey(t.http, user);
    const { max } = await seqRange();
    const middle = max - 2;
    const saved = await sql<Record<string, unknown>[]>(
      'SELECT * FROM audit_events WHERE seq = $1',
      [middle],
    );
    await sql('DELETE FROM audit_events WHERE seq = $1', [middle]);
    expect(await verify()).toMatchObject({ ok: false, first_bad_seq: middle + 1 });
    await reinsert(saved[0]);
    expect(await verify()).toMatchObject({ ok: true });

    const newest = await sql<Record<string, unknown>[]>(
      'SELECT * FROM audit_events WHERE seq = $1',
      [max],
    );
    await sql('DELETE FROM audit_events WHERE seq = $1', [max]);
    expect(await verify()).toMatchObject({ ok: false, first_bad_seq: max });
    await reinsert(newest[0]);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('names the first of two events whose places were swapped', async () => {
    await restoreFromScratch();
    const { max } = await seqRange();
    const [a, b] = [max - 3, max - 2];
    const swap = () =>
      t.dataSource.transaction(async (tx) => {
        await tx.query('UPDATE audit_events SET seq = -1 WHERE seq = $1', [a]);
        await tx.query('UPDATE audit_events SET seq = $1 WHERE seq = $2', [a, b]);
        await tx.query('UPDATE audit_events SET seq = $1 WHERE seq = -1', [b]);
      });
    await swap();
    expect(await verify()).toMatchObject({ ok: false, first_bad_seq: a });
    await swap();
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('stays verifiable from the oldest kept event after a prune', async () => {
    await restoreFromScratch();
    const user = await createUser(t.http);
    await createApiKey(t.http, user);
    await sleep(20);
    const cutoff = new Date();
    await sleep(20);
    const later = await createApiKey(t.http, user);
    await request(t.http)
      .post(`${API}/api-keys/${later.id}/revoke`)
      .set(...bearer(user.accessToken))
      .expect(200);
    const [{ kept }] = await sql<{ kept: string }[]>(
      'SELECT count(*) AS kept FROM audit_events WHERE at >= $1',
      [cutoff],
    );

    const pruned = await t.app.get(AuditRetention).pruneBefore(cutoff);
    expect(pruned).toBeGreaterThan(0);
    const after = await seqRange();
    expect(after.count).toBe(Number(kept));
    expect(await verify()).toEqual({ ok: true, checked: after.count });

    // A deletion that is not the prune's is still caught at the oldest kept event.
    const oldest = await sql<Record<string, unknown>[]>(
      'SELECT * FROM audit_events WHERE seq = $1',
      [after.min],
    );
    await sql('DELETE FROM audit_events WHERE seq = $1', [after.min]);
    expect(await verify()).toMatchObject({ ok: false, first_bad_seq: after.min + 1 });
    await reinsert(oldest[0]);
    expect(await verify()).toMatchObject({ ok: true });

    // Pruning everything (two instances at once: one prunes, the other finds it done or skips)
    // leaves an empty log that the next event continues.
    const future = new Date(Date.now() + 60_000);
    await Promise.all([
      t.app.get(AuditRetention).pruneBefore(future),
      second.app.get(AuditRetention).pruneBefore(future),
    ]);
    expect(await verify()).toEqual({ ok: true, checked: 0 });
    await createApiKey(t.http, user);
    expect(await verify()).toEqual({ ok: true, checked: 1 });
  });

  it('verifies a chain longer than one batch', async () => {
    const audit = t.app.get(AuditService);
    await t.dataSource.transaction(async (tx) => {
      for (let i = 0; i < 1100; i += 1) {
        await audit.record(tx, {
          action: 'user.updated',
          actor: { type: 'system' },
          changes: { n: { from: i, to: i + 1 } },
        });
      }
    });
    const { count } = await seqRange();
    expect(count).toBeGreaterThan(1100);
    expect(await verify()).toEqual({ ok: true, checked: count });
    await sql(
      'UPDATE audit_events SET changes = $1 WHERE seq = (SELECT max(seq) - 5 FROM audit_events)',
      [JSON.stringify({ n: { from: 0, to: 999 } })],
    );
    const { max } = await seqRange();
    expect(await verify()).toMatchObject({ ok: false, first_bad_seq: max - 5 });
  });

  /** Leaves an empty, valid log: a test's tampering does not carry into the next. */
  async function restoreFromScratch(): Promise<void> {
    await t.app.get(AuditRetention).pruneBefore(new Date(Date.now() + 60_000));
    const user = await createUser(t.http);
    await createApiKey(t.http, user);
    await createApiKey(t.http, user);
  }

  async function reinsert(row: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(row);
    await sql(
      `INSERT INTO audit_events (${columns.join(', ')})
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
      columns.map((c) => (c === 'changes' && row[c] !== null ? JSON.stringify(row[c]) : row[c])),
    );
  }
});
