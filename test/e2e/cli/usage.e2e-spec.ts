import { createApiKey, createUser, type TestUser } from '../../helpers/factories';
import { startListeningApp } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';
import { OUTCOME_CODE } from '../../../src/usage/usage-outcome';
import { assertCliBuilt, configHome, runCli, urlOf, type CliResult } from './cli';

describe('keyward command line: usage', () => {
  let t: TestApp;
  let user: TestUser;
  let keyward: (...args: string[]) => Promise<CliResult>;
  let busy: string;
  let idle: string;
  const recent = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000);

  beforeAll(async () => {
    assertCliBuilt();
    t = await startListeningApp();
    user = await createUser(t.http);
    const home = configHome();
    const env = {
      HOME: home,
      XDG_CONFIG_HOME: home,
      KEYWARD_URL: urlOf(t),
      KEYWARD_PASSWORD: user.password,
    };
    keyward = (...args) => runCli(args, env);
    busy = (await createApiKey(t.http, user, { name: 'Busy' })).id;
    idle = (await createApiKey(t.http, user, { name: 'Idle' })).id;
    for (const [outcome, count] of [
      ['valid', 41],
      ['rate_limited', 2],
    ] as const) {
      await t.dataSource.query(
        'INSERT INTO key_usage (key_id, bucket_start, outcome, count) VALUES ($1, $2, $3, $4)',
        [busy, recent.toISOString(), OUTCOME_CODE[outcome], count],
      );
    }
    const login = await keyward('login', '--email', user.email);
    if (login.code !== 0) throw new Error(`keyward login failed: ${login.stderr}`);
  });
  afterAll(() => t.close());

  it('prints every key’s totals as a table, with the refusals that happened', async () => {
    const res = await keyward('usage');
    expect(res).toMatchObject({ code: 0, stderr: '' });
    const lines = res.stdout.trimEnd().split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['ID', 'NAME', 'VALID', 'RATE_LIMITED']);
    expect(lines[1].split(/\s+/)).toEqual([idle, 'Idle', '0', '0']);
    expect(lines[2].split(/\s+/)).toEqual([busy, 'Busy', '41', '2']);
    expect(lines[3].split(/\s+/)).toEqual(['total', '41', '2']);
  });

  it('prints the API’s JSON with --json', async () => {
    const res = await keyward('usage', '--json');
    expect(res).toMatchObject({ code: 0, stderr: '' });
    const body = JSON.parse(res.stdout) as { keys: unknown[]; totals: Record<string, number> };
    expect(body.keys).toHaveLength(2);
    expect(body.totals).toMatchObject({ valid: 41, rate_limited: 2, revoked: 0 });
  });

  it('prints one key’s buckets at the granularity asked', async () => {
    const res = await keyward('usage', busy, '--granularity', 'minute', '--json');
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(res.stdout)).toMatchObject({
      key_id: busy,
      granularity: 'minute',
      buckets: [{ start: recent.toISOString(), counts: { valid: 41, rate_limited: 2 } }],
    });
    const table = await keyward(
      'usage',
      busy,
      '--since',
      new Date(recent.getTime() - 1000).toISOString(),
    );
    expect(table.stdout).toContain('START');
    expect(table.stdout).toMatch(/total\s+41\s+2/);
  });

  it('exits 2 on a usage error and 1 on an API error', async () => {
    expect((await keyward('usage', busy, '--all')).code).toBe(2);
    expect((await keyward('usage', '--granularity', 'minute')).code).toBe(2);
    expect((await keyward('usage', busy, '--granularity', 'week')).code).toBe(2);
    expect((await keyward('usage', '--since', 'someday')).code).toBe(2);
    const missing = await keyward('usage', '00000000-0000-4000-8000-000000000000');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('not_found');
  });
});
