import { ApiKeyEntity } from '../../../src/api-keys/api-key.entity';
import { filteredKeys, pageOf, type KeyListFilter } from '../../../src/api-keys/api-key-listing';
import { Scope } from '../../../src/api-keys/scopes';
import { createUser, type TestUser } from '../../helpers/factories';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { describeServerPostgres, SERVER_PG_TAG } from '../../helpers/keyed';
import { listKeys, type ListBody } from './helpers';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

let t: TestApp;
let user: TestUser;
let other: TestUser;
const KEYS = 100_000;

beforeAll(async () => {
  t = await startTestApp();
  user = await createUser(t.http);
  other = await createUser(t.http);
  // 100,000 keys in one statement: 90% the user's, the rest another's; a tenth revoked.
  await t.dataSource.query(
    `INSERT INTO api_keys (user_id, name, key_prefix, key_hash, scopes, created_at, revoked_at)
     SELECT CASE WHEN i % 10 = 0 THEN $2::uuid ELSE $1::uuid END,
            'service ' || i, 'kw_s' || lpad(i::text, 8, '0'),
            md5('a' || i || random()) || md5('b' || i || random()),
            CASE WHEN i % 3 = 0 THEN ARRAY['read:users', 'write:users'] ELSE ARRAY['read:users'] END,
            now() - (i || ' seconds')::interval,
            CASE WHEN i % 10 = 1 THEN now() ELSE NULL END
       FROM generate_series(1, $3::int) AS i`,
    [user.id, other.id, KEYS],
  );
  await t.dataSource.query('ANALYZE api_keys');
}, 120_000);
afterAll(() => t.close());

/** EXPLAIN (FORMAT JSON) of the page query the service runs for `filter`. */
async function explainPage(filter: KeyListFilter, after?: { createdAt: string; id: string }) {
  const page = pageOf(filteredKeys(t.dataSource.getRepository(ApiKeyEntity), filter), 100, after);
  const [sql, params] = page.getQueryAndParameters();
  const rows: { 'QUERY PLAN': { Plan: PlanNode }[] }[] = await t.dataSource.query(
    `EXPLAIN (FORMAT JSON) ${sql}`,
    params,
  );
  const plan = rows[0]['QUERY PLAN'][0].Plan;
  return { plan, all: nodes(plan) };
}

// The query plans of a real PostgreSQL server are the point; PGlite plans are no evidence.
describeServerPostgres(`listing at 100,000 keys${SERVER_PG_TAG}`, () => {
  it.each<[string, KeyListFilter]>([
    ['no filter', { status: 'all' }],
    ['status=active', { status: 'active' }],
    ['scope=write:users', { status: 'all', scope: Scope.WriteUsers }],
    ['q=service 99', { status: 'all', q: 'service 99' }],
  ])("reads a page of the owner's keys through the listing index (%s)", async (_label, filter) => {
    const { plan, all } = await explainPage({ ...filter, userId: user.id });
    expect(all.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    // One of the listing indexes (the planner takes the cross-owner one when this owner holds
    // most rows), read in order: no sort of the owner's keys.
    expect(
      all.filter((n) => n['Relation Name'] === 'api_keys').map((n) => n['Index Name']),
    ).toEqual([expect.stringMatching(/^IDX_api_keys_(user_)?created$/)]);
    expect(all.map((n) => n['Node Type'])).not.toContain('Sort');
    if (process.env.EXPLAIN_LOG) console.log(JSON.stringify(plan));
  });

  it('reads a later page and an admin page of every owner through an index', async () => {
    const rows: { t: string; id: string }[] = await t.dataSource.query(
      `SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t, id
         FROM api_keys WHERE user_id = $1 ORDER BY created_at DESC, id DESC OFFSET 5000 LIMIT 1`,
      [user.id],
    );
    const later = await explainPage(
      { userId: user.id, status: 'active' },
      { createdAt: rows[0].t, id: rows[0].id },
    );
    expect(later.all.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    const admin = await explainPage({ status: 'all' });
    expect(admin.all.filter((n) => n['Node Type'] === 'Seq Scan')).toEqual([]);
    expect(admin.all.map((n) => n['Index Name'])).toContain('IDX_api_keys_created');
  });

  it('answers a filtered page over HTTP with the right total', async () => {
    const started = Date.now();
    const res = await listKeys(t, user, '?status=active&scope=write:users&limit=100').expect(200);
    const body = res.body as ListBody;
    expect(body.api_keys).toHaveLength(100);
    // i % 10 ∉ {0 (other owner), 1 (revoked)} and i % 3 = 0, for i in 1..100000.
    const rows: { n: string }[] = await t.dataSource.query(
      `SELECT count(*) AS n FROM generate_series(1, 100000) i
        WHERE i % 10 NOT IN (0, 1) AND i % 3 = 0`,
    );
    expect(body.total).toBe(Number(rows[0].n));
    expect(body.next_cursor).toEqual(expect.any(String));
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
