import { Client } from 'pg';
import request from 'supertest';
import { expectError } from '../../helpers/contract';
import {
  API,
  bearer,
  createApiKey,
  insertUser,
  type CreatedKey,
  type TestUser,
} from '../../helpers/factories';
import {
  describeServerPostgres,
  recordSql,
  SERVER_PG_TAG,
  startAppWithAdmin,
} from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';
import { UsageRetentionJob } from '../../../src/usage/usage-retention.job';
import { OUTCOME_CODE, type UsageOutcome } from '../../../src/usage/usage-outcome';

type Counts = Record<UsageOutcome, number>;

const ZERO: Counts = {
  valid: 0,
  rate_limited: 0,
  credits_exhausted: 0,
  ip_not_allowed: 0,
  insufficient_scope: 0,
  revoked: 0,
  expired: 0,
  rotated: 0,
};

describe('usage API', () => {
  let t: TestApp;
  let admin: TestUser;
  let owner: TestUser;
  let other: TestUser;
  let key: CreatedKey;

  beforeAll(async () => {
    // Nothing is flushed during these tests: every row is written by the test itself.
    ({ t, admin } = await startAppWithAdmin({ LAST_USED_FLUSH_MS: '600000' }));
    owner = await insertUser(t);
    other = await insertUser(t);
    key = await createApiKey(t.http, owner, { scopes: ['read:users'] });
  });

  afterAll(() => t?.close());

  async function insertUsage(
    keyId: string,
    rows: [start: string, outcome: UsageOutcome, count: number][],
  ): Promise<void> {
    for (const [start, outcome, count] of rows) {
      await t.dataSource.query(
        'INSERT INTO key_usage (key_id, bucket_start, outcome, count) VALUES ($1, $2, $3, $4)',
        [keyId, start, OUTCOME_CODE[outcome], count],
      );
    }
  }

  const usage = (user: TestUser, keyId: string, query: string) =>
    request(t.http)
      .get(`${API}/api-keys/${keyId}/usage?${query}`)
      .set(...bearer(user.accessToken));

  describe('buckets and retention', () => {
    let job: UsageRetentionJob;
    let k: CreatedKey;
    const NOW = new Date('2026-06-10T12:00:00.000Z');

    beforeAll(async () => {
      job = t.app.get(UsageRetentionJob);
      // This suite runs the job itself, on its own clock: the app's timer must not run it on
      // the real one (it would delete these 2026-06 rows as past retention).
      await job.beforeApplicationShutdown();
      k = await createApiKey(t.http, owner, { scopes: ['read:users'] });
      await insertUsage(k.id, [
        ['2026-06-10T11:58:00Z', 'valid', 2],
        ['2026-06-10T11:59:00Z', 'valid', 3],
        ['2026-06-10T11:59:00Z', 'insufficient_scope', 1],
        ['2026-06-08T10:00:00Z', 'valid', 1],
        ['2026-06-08T10:15:00Z', 'valid', 5],
        ['2026-06-08T10:45:00Z', 'rate_limited', 1],
        ['2026-06-01T03:30:00Z', 'valid', 7],
        ['2026-06-01T05:10:00Z', 'valid', 1],
        ['2026-02-01T00:00:00Z', 'valid', 100],
      ]);
    });

    const DAY_QUERY = 'granularity=day&since=2026-05-01T00:00:00Z&until=2026-06-11T00:00:00Z';
    const DAY_ANSWER = {
      granularity: 'day',
      buckets: [
        { start: '2026-06-01T00:00:00.000Z', counts: { ...ZERO, valid: 8 } },
        { start: '2026-06-08T00:00:00.000Z', counts: { ...ZERO, valid: 6, rate_limited: 1 } },
        {
          start: '2026-06-10T00:00:00.000Z',
          counts: { ...ZERO, valid: 5, insufficient_scope: 1 },
        },
      ],
      totals: { ...ZERO, valid: 19, rate_limited: 1, insufficient_scope: 1 },
    };
    const HOUR_QUERY = 'granularity=hour&since=2026-06-08T00:00:00Z&until=2026-06-09T00:00:00Z';
    const HOUR_ANSWER = {
      buckets: [
        { start: '2026-06-08T10:00:00.000Z', counts: { ...ZERO, valid: 6, rate_limited: 1 } },
      ],
      totals: { ...ZERO, valid: 6, rate_limited: 1 },
    };

    it('rolls minutes up into hours and days, omitting buckets without traffic', async () => {
      const minutes = await usage(
        owner,
        k.id,
        'granularity=minute&since=2026-06-10T11:00:00Z&until=2026-06-10T12:00:00Z',
      ).expect(200);
      expect(minutes.body).toEqual({
        key_id: k.id,
        granularity: 'minute',
        buckets: [
          { start: '2026-06-10T11:58:00.000Z', counts: { ...ZERO, valid: 2 } },
          {
            start: '2026-06-10T11:59:00.000Z',
            counts: { ...ZERO, valid: 3, insufficient_scope: 1 },
          },
        ],
        totals: { ...ZERO, valid: 5, insufficient_scope: 1 },
      });
      expect((await usage(owner, k.id, HOUR_QUERY).expect(200)).body).toMatchObject(HOUR_ANSWER);
      expect((await usage(owner, k.id, DAY_QUERY).expect(200)).body).toMatchObject(DAY_ANSWER);
    });

    it('folds old minutes and hours, deletes what is past retention, and keeps totals exact', async () => {
      const result = await job.run(NOW);
      // 06-01 03:30 and 05:10 become hours first, then one day.
      expect(result).toEqual({ ran: true, minutesFolded: 4, hoursFolded: 2, deleted: 1 });
      const rows = await t.dataSource.query<
        { bucket_start: Date; outcome: number; count: string }[]
      >('SELECT bucket_start, outcome, count FROM key_usage WHERE key_id = $1 ORDER BY 1, 2', [
        k.id,
      ]);
      expect(rows.map((r) => [r.bucket_start.toISOString(), r.outcome, Number(r.count)])).toEqual([
        ['2026-06-01T00:00:00.000Z', OUTCOME_CODE.valid, 8],
        ['2026-06-08T10:00:00.000Z', OUTCOME_CODE.valid, 6],
        ['2026-06-08T10:00:00.000Z', OUTCOME_CODE.rate_limited, 1],
        ['2026-06-10T11:58:00.000Z', OUTCOME_CODE.valid, 2],
        ['2026-06-10T11:59:00.000Z', OUTCOME_CODE.valid, 3],
        ['2026-06-10T11:59:00.000Z', OUTCOME_CODE.insufficient_scope, 1],
      ]);
      expect((await usage(owner, k.id, HOUR_QUERY).expect(200)).body).toMatchObject(HOUR_ANSWER);
      expect((await usage(owner, k.id, DAY_QUERY).expect(200)).body).toMatchObject(DAY_ANSWER);
      // A second pass finds nothing left to do.
      expect(await job.run(NOW)).toEqual({
        ran: true,
        minutesFolded: 0,
        hoursFolded: 0,
        deleted: 0,
      });
    });

    // Advisory locks across connections need a PostgreSQL server.
    describeServerPostgres(`on several instances${SERVER_PG_TAG}`, () => {
      it('skips its turn while another instance runs it', async () => {
        const other = new Client({ connectionString: t.config.databaseUrl });
        await other.connect();
        try {
          await other.query('BEGIN');
          await other.query('SELECT pg_advisory_xact_lock($1)', [0x6b777573]);
          expect(await job.run(NOW)).toEqual({
            ran: false,
            minutesFolded: 0,
            hoursFolded: 0,
            deleted: 0,
          });
          await other.query('COMMIT');
        } finally {
          await other.end();
        }
        expect((await job.run(NOW)).ran).toBe(true);
      });
    });
  });

  describe('who may read it', () => {
    it('is 404 for another user’s key and for a key that does not exist; an admin reads any', async () => {
      expectError(await usage(other, key.id, ''), 404, 'not_found');
      expectError(await usage(owner, '7d1c6f1e-0000-4000-8000-000000000000', ''), 404, 'not_found');
      const res = await usage(admin, key.id, '').expect(200);
      expect(res.body).toEqual({ key_id: key.id, granularity: 'hour', buckets: [], totals: ZERO });
    });

    it('needs a user session: a key gets 403 user_session_required', async () => {
      const res = await request(t.http)
        .get(`${API}/api-keys/${key.id}/usage`)
        .set('X-API-Key', key.key);
      expectError(res, 403, 'user_session_required');
      expectError(
        await request(t.http).get(`${API}/usage`).set('X-API-Key', key.key),
        403,
        'user_session_required',
      );
    });

    it('lets only an admin summarise every user’s keys', async () => {
      expectError(
        await request(t.http)
          .get(`${API}/usage?all=true`)
          .set(...bearer(owner.accessToken)),
        403,
        'forbidden',
      );
      const otherKey = await createApiKey(t.http, other, { scopes: ['read:users'] });
      const mine = await request(t.http)
        .get(`${API}/usage`)
        .set(...bearer(owner.accessToken))
        .expect(200);
      expect((mine.body as { keys: { key_id: string }[] }).keys.map((k) => k.key_id)).not.toContain(
        otherKey.id,
      );
      const all = await request(t.http)
        .get(`${API}/usage?all=true`)
        .set(...bearer(admin.accessToken))
        .expect(200);
      const ids = (all.body as { keys: { key_id: string }[] }).keys.map((k) => k.key_id);
      expect(ids).toEqual(expect.arrayContaining([otherKey.id, key.id]));
    });
  });

  describe('validation', () => {
    it.each([
      ['since=yesterday', 'since'],
      ['until=2026-13-01T00:00:00Z', 'until'],
      ['granularity=week', 'granularity'],
      ['since=0000-01-01T00:00:00Z', 'since'],
      ['until=99999-01-01T00:00:00Z', 'until'],
      ['since=2026-06-02T00:00:00Z&until=2026-06-01T00:00:00Z', 'until'],
      ['granularity=minute&since=2026-06-01T00:00:00Z&until=2026-06-04T00:00:00Z', 'granularity'],
      ['colour=blue', 'colour'],
    ])('refuses %s with 400 validation_failed naming %s', async (query, field) => {
      const body = expectError(await usage(owner, key.id, query), 400, 'validation_failed');
      expect(body.details?.map((d) => d.field)).toContain(field);
    });

    it('refuses a malformed key id with 400 invalid_id', async () => {
      expectError(await usage(owner, 'not-a-uuid', ''), 400, 'invalid_id');
    });

    it('refuses a bad range on the summary too', async () => {
      const res = await request(t.http)
        .get(`${API}/usage?since=2026-06-02T00:00:00Z&until=2026-06-01T00:00:00Z`)
        .set(...bearer(owner.accessToken));
      expectError(res, 400, 'validation_failed');
    });
  });

  describe('summary', () => {
    it('answers every key in the same number of statements, however many keys there are', async () => {
      const few = await insertUser(t);
      const many = await insertUser(t);
      for (let i = 0; i < 2; i++) await createApiKey(t.http, few, { name: `few ${i}` });
      const manyKeys: CreatedKey[] = [];
      for (let i = 0; i < 12; i++) {
        manyKeys.push(await createApiKey(t.http, many, { name: `many ${i}` }));
      }
      const recent = new Date(Date.now() - 3_600_000).toISOString();
      await insertUsage(manyKeys[3].id, [[recent, 'valid', 4]]);
      await insertUsage(manyKeys[5].id, [[recent, 'rate_limited', 2]]);

      const sql = recordSql();
      try {
        sql.take();
        await request(t.http)
          .get(`${API}/usage`)
          .set(...bearer(few.accessToken))
          .expect(200);
        const forFew = sql.take();
        const res = await request(t.http)
          .get(`${API}/usage`)
          .set(...bearer(many.accessToken))
          .expect(200);
        const forMany = sql.take();
        expect(forMany.length).toBe(forFew.length);
        expect(forMany.filter((s) => s.includes('key_usage'))).toHaveLength(1);
        const body = res.body as {
          keys: { key_id: string; name: string; totals: Counts }[];
          totals: Counts;
        };
        expect(body.keys).toHaveLength(12);
        expect(body.keys[0].name).toBe('many 11');
        expect(body.keys.find((k) => k.key_id === manyKeys[3].id)?.totals).toEqual({
          ...ZERO,
          valid: 4,
        });
        expect(body.keys.find((k) => k.key_id === manyKeys[0].id)?.totals).toEqual(ZERO);
        expect(body.totals).toEqual({ ...ZERO, valid: 4, rate_limited: 2 });
      } finally {
        sql.restore();
      }
    });
  });
});
