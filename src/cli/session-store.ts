import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliFailure } from './errors';

/** What `keyward login` keeps between commands: never the password. */
export interface StoredSession {
  url: string;
  email: string;
  access_token: string;
  refresh_token: string;
  /** When the access token expires (RFC 3339); the refresh token renews it after that. */
  expires_at: string;
}

/**
 * The session file, readable only by its owner: the tokens in it act as the user until they
 * expire or `keyward logout` ends them on the server.
 */
export class SessionStore {
  readonly file: string;

  constructor(readonly dir: string) {
    this.file = join(dir, 'session.json');
  }

  load(): StoredSession | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const session = parse(text);
    if (!session) {
      throw new CliFailure(`${this.file} is not a Keyward session: run \`keyward login\` again.`);
    }
    return session;
  }

  save(session: StoredSession): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    // Written aside and renamed, so a crash never leaves half a file and the mode holds from
    // the first byte (the umask can only narrow 0600).
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}

function parse(text: string): StoredSession | null {
  try {
    const value = JSON.parse(text) as Partial<Record<keyof StoredSession, unknown>> | null;
    const fields = ['url', 'email', 'access_token', 'refresh_token', 'expires_at'] as const;
    if (!value || fields.some((field) => typeof value[field] !== 'string')) return null;
    return value as StoredSession;
  } catch {
    return null;
  }
}
