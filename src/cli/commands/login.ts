import { createClient } from '@keyward/client';
import { expiryOf } from '../context';
import { UsageError } from '../errors';
import { ask, askHidden, canPrompt } from '../prompt';
import { examples, JSON_FLAG, type CommandModule } from './shared';

interface LoginOptions {
  url?: string;
  email?: string;
  json?: boolean;
}

export const loginCommand: CommandModule = (parent, ctx) => {
  const command = parent
    .command('login')
    .description('Sign in and keep the session for the other commands')
    .option('--url <url>', 'the Keyward service (default: $KEYWARD_URL or http://localhost:8080)')
    .option('--email <email>', 'your account (asked for on a terminal when left out)')
    .option(...JSON_FLAG)
    .action(async (opts: LoginOptions) => {
      const url = serviceUrl(opts.url ?? ctx.env.url);
      const email = opts.email ?? (await askOrRefuse('Email: ', '--email is required'));
      const password = ctx.env.password ?? (await passwordPrompt());
      const client = createClient({ url });
      const auth = await client.auth.login({ email, password });
      ctx.store.save({
        url,
        email: auth.user.email,
        access_token: auth.access_token,
        refresh_token: auth.refresh_token,
        expires_at: expiryOf(auth.expires_in),
      });
      const out = ctx.output();
      if (opts.json) out.json(auth.user);
      else out.line(`Logged in to ${url} as ${auth.user.email}.`);
    });
  examples(
    command,
    'keyward login --url https://keyward.example.com --email ops@example.com',
    'KEYWARD_PASSWORD="$(pass keyward)" keyward login --email ops@example.com',
  );
  command.addHelpText(
    'after',
    '\nThe password is asked for without echo, or read from KEYWARD_PASSWORD. The session\n' +
      '(never the password) is kept in $XDG_CONFIG_HOME/keyward/session.json, mode 0600.',
  );

  async function askOrRefuse(question: string, refusal: string): Promise<string> {
    if (!canPrompt(ctx.term)) throw new UsageError(refusal);
    return ask(ctx.term, question);
  }

  async function passwordPrompt(): Promise<string> {
    if (!canPrompt(ctx.term)) {
      throw new UsageError('No terminal to ask for the password on: set KEYWARD_PASSWORD.');
    }
    return askHidden(ctx.term, 'Password: ');
  }
};

/** An http(s) base URL without a trailing slash (the client adds /api/v1). */
function serviceUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`Not a URL: ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`Not an http(s) URL: ${value}`);
  }
  return url.href.replace(/\/+$/, '');
}
