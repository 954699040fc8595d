import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createUser, sleep, type TestUser } from '../../helpers/factories';
import { startListeningApp } from '../../helpers/keyed';
import type { TestApp } from '../../helpers/test-app';
import {
  assertCliBuilt,
  configHome,
  readSession,
  runCli,
  sessionFile,
  urlOf,
  type CliResult,
} from './cli';

/** Access tokens live 2 s here: a wait of 2.5 s outlives one. */
describe('keyward command line: session', () => {
  let t: TestApp;

  beforeAll(async () => {
    assertCliBuilt();
    t = await startListeningApp({ JWT_ACCESS_TTL_SECONDS: '2' });
  });
  afterAll(() => t.close());

  /** A user logged in through the CLI, with its own session file. */
  async function loggedIn(): Promise<{
    user: TestUser;
    home: string;
    keyward: (...args: string[]) => Promise<CliResult>;
  }> {
    const user = await createUser(t.http);
    const home = configHome();
    const env = {
      HOME: home,
      XDG_CONFIG_HOME: home,
      KEYWARD_URL: urlOf(t),
      KEYWARD_PASSWORD: user.password,
    };
    const keyward = (...args: string[]): Promise<CliResult> => runCli(args, env);
    await expect(keyward('login', '--email', user.email)).resolves.toMatchObject({ code: 0 });
    return { user, home, keyward };
  }

  it('renews an expired access token and keeps the rotated refresh token', async () => {
    const { home, keyward } = await loggedIn();
    const before = readSession(home);
    await sleep(2_500);

    const res = await keyward('keys', 'list', '--json');

    expect(res).toMatchObject({ code: 0, stderr: '' });
    const after = readSession(home);
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(after.access_token).not.toBe(before.access_token);
    expect(Date.parse(after.expires_at)).toBeGreaterThan(Date.now());
    expect(statSync(sessionFile(home)).mode & 0o777).toBe(0o600);
    // The rotated token is the one that works now: the next renewal succeeds too.
    await sleep(2_500);
    await expect(keyward('keys', 'list')).resolves.toMatchObject({ code: 0 });
    expect(readSession(home).refresh_token).not.toBe(after.refresh_token);
  });

  it('renews through the service when it answers token_expired to a token the file thinks fresh', async () => {
    const { home, keyward } = await loggedIn();
    const before = readSession(home);
    writeFileSync(
      sessionFile(home),
      JSON.stringify({ ...before, expires_at: '2099-01-01T00:00:00.000Z' }),
    );
    await sleep(2_500);

    const res = await keyward('keys', 'create', '--name', 'after expiry', '--scopes', 'read:users');

    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Name\s+after expiry/);
    expect(readSession(home).refresh_token).not.toBe(before.refresh_token);
  });

  it('logs out: the session ends on the service, and the next command asks for a login', async () => {
    const { home, keyward } = await loggedIn();
    const saved = readFileSync(sessionFile(home), 'utf8');

    const res = await keyward('logout');
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(sessionFile(home))).toBe(false);

    const next = await keyward('keys', 'list');
    expect(next.code).toBe(1);
    expect(next.stderr).toContain('keyward login');

    // A copy of the old file is worth nothing: the service ended that session.
    writeFileSync(sessionFile(home), saved, { mode: 0o600 });
    const stale = await keyward('keys', 'list');
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('keyward login');
    expect(existsSync(sessionFile(home))).toBe(false);
  });
});
