import { createApiKey, createUser, uniqueEmail, type TestUser } from '../../helpers/factories';
import { ADMIN_PASSWORD, startListeningApp } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';
import { assertCliBuilt, configHome, runCli, urlOf, type CliResult } from './cli';

interface EventsBody {
  events: { seq: number; action: string; target?: { id: string } }[];
  next_cursor?: string;
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
    const session = (email: string, password: string) => {
      const home = configHome();
      const env = {
        HOME: home,
        XDG_CONFIG_HOME: home,
        KEYWARD_URL: urlOf(t),
        KEYWARD_PASSWORD: password,
      };
      return {
        run: (...args: string[]) => runCli(args, env),
        login: () => runCli(['login', '--email', email], env),
      };
    };
    const mine = session(user.email, user.password);
    const admin = session(adminEmail, ADMIN_PASSWORD);
    for (const login of [mine.login, admin.login]) {
      const res = await login();
      if (res.code !== 0) throw new Error(`keyward login failed: ${res.stderr}`);
    }
    keyward = mine.run;
    asAdmin = admin.run;
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
