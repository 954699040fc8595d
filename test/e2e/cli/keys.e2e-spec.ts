import { statSync } from 'node:fs';
import request from 'supertest';
import { dirname } from 'node:path';
import { createUser, type TestUser } from '../../helpers/factories';
import { startListeningApp } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';
import type { KeyBody, ListBody } from '../keys/helpers';
import {
  assertCliBuilt,
  configHome,
  readSession,
  runCli,
  sessionFile,
  urlOf,
  type CliResult,
} from './cli';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('keyward command line: keys', () => {
  let t: TestApp;
  let user: TestUser;
  let home: string;
  let keyward: (...args: string[]) => Promise<CliResult>;

  beforeAll(async () => {
    assertCliBuilt();
    t = await startListeningApp();
    user = await createUser(t.http);
    home = configHome();
    const env = {
      HOME: home,
      XDG_CONFIG_HOME: home,
      KEYWARD_URL: urlOf(t),
      KEYWARD_PASSWORD: user.password,
    };
    keyward = (...args) => runCli(args, env);
  });
  afterAll(() => t.close());

  /** `keyward … --json`, expected to succeed; its stdout parsed. */
  async function json<T>(...args: string[]): Promise<T> {
    const res = await keyward(...args, '--json');
    expect(res).toMatchObject({ code: 0, stderr: '' });
    return JSON.parse(res.stdout) as T;
  }

  async function created(name: string, ...more: string[]): Promise<KeyBody> {
    const body = await json<{ api_key: KeyBody }>(
      'keys',
      'create',
      '--name',
      name,
      '--scopes',
      'read:users',
      ...more,
    );
    return body.api_key;
  }

  it('logs in and keeps the session in a file only its owner can read, without the password', async () => {
    const res = await keyward('login', '--email', user.email);

    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(res.stdout).toContain(`as ${user.email}`);
    const file = sessionFile(home);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);
    const session = readSession(home);
    expect(session).toMatchObject({ url: urlOf(t), email: user.email });
    expect(session.access_token).toEqual(expect.any(String));
    expect(session.refresh_token).toEqual(expect.any(String));
    expect(JSON.stringify(session)).not.toContain(user.password);
  });

  it('refuses a wrong password with the API error and exit status 1', async () => {
    const other = configHome();
    const res = await runCli(['login', '--email', user.email], {
      HOME: other,
      XDG_CONFIG_HOME: other,
      KEYWARD_URL: urlOf(t),
      KEYWARD_PASSWORD: 'not the password at all',
    });

    expect(res.code).toBe(1);
    expect(res.stderr).toContain('invalid_credentials');
    expect(res.stdout).toBe('');
  });

  it('creates a key and prints the API answer, with the secret shown once', async () => {
    const body = await json<{ api_key: KeyBody; key: string }>(
      'keys',
      'create',
      '--name',
      'CLI billing',
      '--scopes',
      'read:users,verify:api-keys',
      '--description',
      'made by the CLI',
      '--rate-limit',
      '250',
      '--expires-at',
      '2099-12-31',
    );

    expect(body.key.startsWith(body.api_key.key_prefix)).toBe(true);
    expect(body.api_key).toMatchObject({
      name: 'CLI billing',
      description: 'made by the CLI',
      scopes: ['read:users', 'verify:api-keys'],
      rate_limit_per_minute: 250,
      expires_at: '2099-12-31T00:00:00.000Z',
      user_id: user.id,
    });
    const again = await json<Record<string, unknown>>('keys', 'get', body.api_key.id);
    expect(again).toMatchObject({ id: body.api_key.id, name: 'CLI billing' });
    expect(JSON.stringify(again)).not.toContain(body.key);
  });

  it('shows the secret once in its readable output too', async () => {
    const res = await keyward('keys', 'create', '--name', 'Readable', '--scopes', 'read:users');

    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Name\s+Readable/);
    expect(res.stdout).toContain('not shown again');
  });

  it('lists keys as a table, and as the API listing with --json', async () => {
    const key = await created('Listed in a table');

    const table = await keyward('keys', 'list');
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+PREFIX\s+STATUS/);
    expect(lines.find((line) => line.startsWith(key.id))).toMatch(
      /Listed in a table\s+\S+\s+active/,
    );

    const list = await json<ListBody>('keys', 'list');
    expect(list.api_keys.map((k) => k.id)).toContain(key.id);
    expect(list.total).toBe(list.api_keys.length);
  });

  it('narrows the listing by --q and --status, and pages through everything with --all', async () => {
    const a = await created('paging alpha');
    const b = await created('paging beta');

    const found = await json<ListBody>('keys', 'list', '--q', 'PAGING', '--status', 'active');
    expect(found.api_keys.map((k) => k.id)).toEqual([b.id, a.id]);

    const page = await json<ListBody>('keys', 'list', '--q', 'paging', '--limit', '1');
    expect(page.api_keys.map((k) => k.id)).toEqual([b.id]);
    expect(page.total).toBe(2);
    expect(typeof page.next_cursor).toBe('string');
    const rest = await json<ListBody>(
      'keys',
      'list',
      '--q',
      'paging',
      '--cursor',
      page.next_cursor!,
    );
    expect(rest.api_keys.map((k) => k.id)).toEqual([a.id]);

    const all = await json<ListBody>('keys', 'list', '--q', 'paging', '--limit', '1', '--all');
    expect(all.api_keys.map((k) => k.id)).toEqual([b.id, a.id]);
    expect(all.next_cursor).toBeUndefined();
  });

  it('gets one key as readable fields', async () => {
    const key = await created('Shown alone', '--description', 'one key');

    const res = await keyward('keys', 'get', key.id);

    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Name\s+Shown alone/);
    expect(res.stdout).toMatch(/Description\s+one key/);
    expect(res.stdout).toMatch(/Status\s+active/);
  });

  it('updates a key, clearing its description and expiry', async () => {
    const key = await created('Before', '--description', 'gone soon', '--expires-at', '2099-01-01');

    const updated = await json<KeyBody & { description?: string; rate_limit_per_minute: number }>(
      'keys',
      'update',
      key.id,
      '--name',
      'After',
      '--rate-limit',
      '42',
      '--scopes',
      'read:users,write:users',
      '--clear-description',
      '--clear-expiry',
    );

    expect(updated).toMatchObject({
      id: key.id,
      name: 'After',
      rate_limit_per_minute: 42,
      scopes: ['read:users', 'write:users'],
    });
    expect(updated.description).toBeUndefined();
    expect(updated.expires_at).toBeUndefined();
  });

  it('revokes only with --yes when there is no terminal to confirm on', async () => {
    const key = await created('To revoke');

    const refused = await keyward('keys', 'revoke', key.id);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    await expect(json<KeyBody>('keys', 'get', key.id)).resolves.not.toHaveProperty('revoked_at');

    const done = await json<{ message: string }>('keys', 'revoke', key.id, '--yes');
    expect(done.message).toEqual(expect.any(String));
    await expect(json<KeyBody>('keys', 'get', key.id)).resolves.toHaveProperty('revoked_at');
    const table = await keyward('keys', 'list', '--status', 'revoked');
    expect(table.stdout).toMatch(new RegExp(`^${key.id}.*revoked`, 'm'));
  });

  it('rotates a key with --yes: the new secret printed once, the old one working through its grace', async () => {
    const made = await json<{ api_key: KeyBody; key: string }>(
      'keys',
      'create',
      '--name',
      'To rotate',
      '--scopes',
      'read:users',
    );

    const refused = await keyward('keys', 'rotate', made.api_key.id);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    await expect(json<KeyBody>('keys', 'get', made.api_key.id)).resolves.not.toHaveProperty(
      'rotated_at',
    );

    const res = await keyward('keys', 'rotate', made.api_key.id, '--grace-period', '600', '--yes');
    expect(res).toMatchObject({ code: 0, stderr: '' });
    const secret = /^(kw_\S+)$/m.exec(res.stdout)?.[1];
    expect(secret).toBeDefined();
    expect(res.stdout).toContain(`Rotated API key ${made.api_key.id}.`);
    expect(res.stdout).toMatch(new RegExp(`^Previous prefix\\s+${made.api_key.key_prefix}$`, 'm'));
    expect(res.stdout).toContain('not shown again');
    const got = await json<KeyBody>('keys', 'get', made.api_key.id);
    expect(got.key_prefix).toBe(secret!.slice(0, 12));
    expect(Date.parse(got.previous_key_expires_at!) - Date.parse(got.rotated_at!)).toBe(600_000);
    const whoAmI = (key: string) => request(t.http).get('/api/v1/auth/user').set('X-API-Key', key);
    await whoAmI(secret!).expect(200);
    await whoAmI(made.key).expect(200);

    const now = await json<{ api_key: KeyBody; key: string }>(
      'keys',
      'rotate',
      made.api_key.id,
      '--grace-period',
      '0',
      '--yes',
    );
    expect(now.key).not.toBe(secret);
    expect(now.api_key).not.toHaveProperty('previous_key_prefix');
    expect((await whoAmI(secret!)).body).toMatchObject({ code: 'api_key_rotated' });
    await whoAmI(now.key).expect(200);

    await json('keys', 'revoke', made.api_key.id, '--yes');
    const revoked = await keyward('keys', 'rotate', made.api_key.id, '--yes');
    expect(revoked).toMatchObject({ code: 1, stdout: '' });
    expect(revoked.stderr).toContain('api_key_revoked');
  });

  it('deletes a key with --yes, and refuses without it', async () => {
    const key = await created('To delete');

    await expect(keyward('keys', 'delete', key.id)).resolves.toMatchObject({ code: 2 });
    const res = await keyward('keys', 'delete', key.id, '--yes');
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(res.stdout).toContain(key.id);

    const gone = await keyward('keys', 'get', key.id);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('not_found');
  });

  it('reports an API error on stderr with its code and exits 1', async () => {
    const res = await keyward('keys', 'get', UNKNOWN_ID);
    expect(res).toMatchObject({ code: 1, stdout: '' });
    expect(res.stderr).toContain('not_found');

    const asJson = await keyward('keys', 'get', UNKNOWN_ID, '--json');
    expect(asJson).toMatchObject({ code: 1, stdout: '' });
    const body = JSON.parse(asJson.stderr) as { code: string; error: string };
    expect(body.code).toBe('not_found');
    expect(body.error.length).toBeGreaterThan(0);

    const invalid = await keyward('keys', 'create', '--name', 'x', '--scopes', 'read:everything');
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('validation_failed');
  });

  it.each([
    [['keys', 'frobnicate']],
    [['keys', 'list', '--colour']],
    [['keys', 'create', '--scopes', 'read:users']],
    [['keys', 'list', '--limit', 'many']],
    [['keys', 'list', '--status', 'sleeping']],
    [['keys', 'update', UNKNOWN_ID]],
    [['keys', 'update', UNKNOWN_ID, '--description', 'x', '--clear-description']],
    [['keys', 'get']],
    [['keys', 'rotate', UNKNOWN_ID, '--grace-period', '604801', '--yes']],
    [['keys', 'rotate', UNKNOWN_ID, '--grace-period', 'soon', '--yes']],
    [[]],
  ])('exits 2 on the usage error of `keyward %j`', async (args) => {
    const res = await keyward(...args);

    expect(res.code).toBe(2);
    expect(res.stderr).not.toBe('');
  });

  it('has help with an example for every command', async () => {
    for (const args of [
      [],
      ['login'],
      ['logout'],
      ['keys'],
      ['keys', 'list'],
      ['keys', 'create'],
      ['keys', 'get'],
      ['keys', 'update'],
      ['keys', 'rotate'],
      ['keys', 'revoke'],
      ['keys', 'delete'],
    ]) {
      const res = await keyward(...args, '--help');
      expect(res).toMatchObject({ code: 0, stderr: '' });
      expect(res.stdout).toContain(`Usage: keyward ${args.join(' ')}`.trim());
      expect(res.stdout).toMatch(/Examples:\n {2}\$ keyward /);
    }
  });
});
