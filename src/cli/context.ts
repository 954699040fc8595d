import { createClient, type KeywardClient, type Session } from '@keyward/client';
import { CliFailure, endsSession } from './errors';
import type { CliEnv } from './env';
import { Output } from './output';
import type { Terminal } from './prompt';
import { SessionStore, type StoredSession } from './session-store';

export const LOGIN_HINT = 'run `keyward login` first';

/** What every command is given: the environment, its output, the terminal and the session. */
export class CliContext {
  readonly store: SessionStore;

  constructor(
    readonly env: CliEnv,
    readonly term: Terminal & { stdout: NodeJS.WriteStream },
  ) {
    this.store = new SessionStore(env.configDir);
  }

  /** Output for one command; `--json` commands write only the API's JSON on stdout. */
  output(): Output {
    return Output.for(this.term.stdout, this.term.stderr, this.env.noColor);
  }

  /**
   * Runs `call` with a client holding the stored session. The client renews an expired access
   * token with the refresh token; the rotated refresh token is written back whatever `call`
   * does, since the old one no longer works.
   */
  async withSession<T>(
    call: (client: KeywardClient, session: StoredSession) => Promise<T>,
  ): Promise<T> {
    const stored = this.store.load();
    if (!stored) throw new CliFailure(`Not logged in: ${LOGIN_HINT}.`);
    const client = createClient({ url: stored.url });
    client.auth.setSession({
      access_token: stored.access_token,
      refresh_token: stored.refresh_token,
    });
    let ended = false;
    try {
      // Saves the round trip of a 401 when the token is known to be stale.
      if (Date.parse(stored.expires_at) <= Date.now()) await client.auth.refresh();
      return await call(client, stored);
    } catch (err) {
      if (endsSession(err) || client.auth.getSession() === null) {
        ended = true;
        this.store.clear();
        throw new CliFailure(`Your session with ${stored.url} has ended: ${LOGIN_HINT}.`);
      }
      throw err;
    } finally {
      if (!ended) this.keepRenewed(stored, client.auth.getSession());
    }
  }

  private keepRenewed(stored: StoredSession, session: Session | null): void {
    if (!session?.refresh_token || session.refresh_token === stored.refresh_token) return;
    this.store.save({
      ...stored,
      access_token: session.access_token,
      refresh_token: session.refresh_token,
      expires_at: expiryOf(session.expires_in),
    });
  }
}

/** The access token's expiry from `expires_in` seconds (unknown: treat it as already due). */
export function expiryOf(expiresIn: number | undefined, now = Date.now()): string {
  return new Date(now + (expiresIn ?? 0) * 1000).toISOString();
}
