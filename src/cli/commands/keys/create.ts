import type { Scope } from '@keyward/client';
import { printKey } from '../../output';
import { examples, instant, integer, JSON_FLAG, scopeList, type CommandModule } from '../shared';

interface CreateOptions {
  name: string;
  scopes: Scope[];
  description?: string;
  rateLimit?: number;
  expiresAt?: string;
  json?: boolean;
}

export const createKeyCommand: CommandModule = (parent, ctx) => {
  const command = parent
    .command('create')
    .description('Create an API key; its secret is shown once')
    .requiredOption('--name <name>', 'a name to recognise the key by')
    .requiredOption(
      '--scopes <a,b>',
      'comma-separated scopes, e.g. read:users,write:users',
      scopeList,
    )
    .option('--description <text>', 'what the key is for')
    .option('--rate-limit <n>', 'requests per minute (the service defaults to 100)', integer(1))
    .option('--expires-at <time>', 'when the key stops working, e.g. 2027-01-31', instant)
    .option(...JSON_FLAG)
    .action(async (opts: CreateOptions) => {
      const created = await ctx.withSession((client) =>
        client.management.apiKeys.create({
          name: opts.name,
          scopes: opts.scopes,
          description: opts.description,
          rate_limit_per_minute: opts.rateLimit,
          expires_at: opts.expiresAt,
        }),
      );
      const out = ctx.output();
      if (opts.json) return out.json(created);
      printKey(out, created.api_key);
      out.line();
      out.line(out.style('bold', created.key));
      out.line(out.style('yellow', 'Store this key now: it is not shown again.'));
    });
  examples(
    command,
    'keyward keys create --name "Billing service" --scopes read:users',
    'keyward keys create --name ci --scopes read:users,verify:api-keys --rate-limit 600 --expires-at 2027-01-31',
    'keyward keys create --name ci --scopes read:users --json | jq -r .key',
  );
};
