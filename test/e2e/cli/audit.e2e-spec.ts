import { createApiKey, createUser, uniqueEmail, type TestUser } from '../../helpers/factories';
import {
  ADMIN_PASSWORD,
  describeServerPostgres,
  SERVER_PG_TAG,
  startListeningApp,
} from '../../helpers/keyed';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database';
import type { TestApp } from '../../helpers/test-app';
import { assertCliBuilt, configHome, runCli, urlOf, type CliResult } from './cli';

interface EventsBody {
  events: { seq: number; action: string; target?: { id: string } }[];
  next_cursor?: string;
}

/** `keyward` with a session of its own, signed in to `t` as this user. */
async function signedIn(
  t: TestApp,
  email: string,
  password: string,
): Promise<(...args: string[]) => Promise<CliResult>> {
  const home = configHome();
  const env = {
    HOME: home,
    XDG_CONFIG_HOME: home,
    KEYWARD_URL: urlOf(t),
    KEYWARD_PASSWORD: password,
  };
  const login = await runCli(['login', '--email', email], env);
  if (login.code !== 0) throw new Error(`keyward login failed: ${login.stderr}`);
  return (...args) => runCli(args, env);
}

describe('keyward command line: audit', () => {
  let t: TestApp;
  let user: TestUser;
  let keyId: string;
  let keyward: (...args: string[]) => Promise<CliResult>;
  let asAdmin: (...args: string[]) => Promise<CliResult>;

  beforeAll(async () => {
    assertCliBuilt();
    const adminEmail = uniqueEmail('admin');
    t = await startListeningApp({ ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD });
    user = await createUser(t.http);
    keyId = (await createApiKey(t.http, user)).id;
    keyward = await signedIn(t, user.email, user.password);
    asAdmin = await signedIn(t, adminEmail, ADMIN_PASSWORD);
  });
  afterAll(() => t.close());

  it('prints the API’s JSON with --json, filtered by action and paged by --limit', async () => {
    const res = await keyward('audit', '--action', 'api_key.created', '--limit', '1', '--json');
    expect(res).toMatchObject({ code: 0, stderr: '' });
    const body = JSON.parse(res.stdout) as EventsBody;
    expect(body.events.map((e) => [e.action, e.target?.id])).toEqual([['api_key.created', keyId]]);
  });

  it('prints a readable table otherwise', async () => {
    const res = await keyward('audit', '--since', '2000-01-01');
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^SEQ\s+AT\s+ACTION\s+ACTOR\s+TARGET\s+IP$/);
    expect(res.stdout).toContain(`api_key.created`);
    expect(res.stdout).toContain(`api_key ${keyId}`);
    expect(res.stdout).toContain(`user.signed_in`);
  });

  it('lets an admin see every user’s events and verify the chain', async () => {
    const all = await asAdmin('audit', '--all', '--action', 'api_key.created', '--json');
    expect(all.code).toBe(0);
    const body = JSON.parse(all.stdout) as EventsBody;
    expect(body.events.map((e) => e.target?.id)).toContain(keyId);

    const verify = await asAdmin('audit', 'verify');
    expect(verify).toMatchObject({ code: 0 });
    expect(verify.stdout).toMatch(/^The chain holds: \d+ events checked\.\n$/);
  });

  it('has help with an example for each audit command', async () => {
    for (const args of [['audit'], ['audit', 'verify']]) {
      const res = await keyward(...args, '--help');
      expect(res).toMatchObject({ code: 0, stderr: '' });
      expect(res.stdout).toContain(`Usage: keyward ${args.join(' ')}`);
      expect(res.stdout).toMatch(/Examples:\n {2}\$ keyward /);
    }
  });

  it('exits 1 with the code on a refusal and 2 on a usage error', async () => {
    const refused = await keyward('audit', '--all');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('forbidden');
    const notVerifier = await keyward('audit', 'verify', '--json');
    expect(notVerifier.code).toBe(1);
    const usage = await keyward('audit', '--action', 'user.exploded');
    expect(usage.code).toBe(2);
  });
});

/** On a database of its own: the chain is edited here, and other suites read theirs. */
describeServerPostgres(`keyward audit verify on a broken chain${SERVER_PG_TAG}`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let asAdmin: (...args: string[]) => Promise<CliResult>;

  beforeAll(async () => {
    assertCliBuilt();
    db = await createTestDatabase();
    const adminEmail = uniqueEmail('admin');
    t = await startListeningApp({ DATABASE_URL: db.url, ADMIN_EMAIL: adminEmail, ADMIN_PASSWORD });
    asAdmin = await signedIn(t, adminEmail, ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('exits 1 and names the first bad event, as text and as JSON', async () => {
    expect(await asAdmin('audit', 'verify')).toMatchObject({ code: 0 });
    const [{ seq }] = await t.dataSource.query<{ seq: string }[]>(
      'SELECT min(seq) AS seq FROM audit_events',
    );
    await t.dataSource.query('UPDATE audit_events SET ip = $1 WHERE seq = $2', [
      '203.0.113.66',
      seq,
    ]);

    const text = await asAdmin('audit', 'verify');
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(
      new RegExp(`^The chain is broken at event ${seq} \\(\\d+ checked\\)\\.\\n$`),
    );
    const json = await asAdmin('audit', 'verify', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, first_bad_seq: Number(seq) });
  });
});
