import { Option } from 'commander';
import type { Scope, UpdateAPIKeyRequest } from '@keyward/client';
import { UsageError } from '../../errors';
import { printKey } from '../../output';
import { examples, instant, integer, JSON_FLAG, scopeList, type CommandModule } from '../shared';

interface UpdateOptions {
  name?: string;
  scopes?: Scope[];
  description?: string;
  clearDescription?: boolean;
  rateLimit?: number;
  expiresAt?: string;
  clearExpiry?: boolean;
  json?: boolean;
}

export const updateKeyCommand: CommandModule = (parent, ctx) => {
  const command = parent
    .command('update')
    .description('Change an API key; options left out stay as they are')
    .argument('<id>', 'the key id')
    .option('--name <name>', 'a new name')
    .option('--scopes <a,b>', 'the new comma-separated scopes (replaces them all)', scopeList)
    .option('--description <text>', 'a new description')
    .addOption(new Option('--clear-description', 'remove the description').conflicts('description'))
    .option('--rate-limit <n>', 'requests per minute', integer(1))
    .option('--expires-at <time>', 'a new expiry, e.g. 2027-01-31', instant)
    .addOption(new Option('--clear-expiry', 'the key never expires').conflicts('expiresAt'))
    .option(...JSON_FLAG)
    .action(async (id: string, opts: UpdateOptions) => {
      const updates: UpdateAPIKeyRequest = {
        name: opts.name,
        scopes: opts.scopes,
        description: opts.clearDescription ? null : opts.description,
        rate_limit_per_minute: opts.rateLimit,
        expires_at: opts.clearExpiry ? null : opts.expiresAt,
      };
      if (Object.values(updates).every((value) => value === undefined)) {
        throw new UsageError('Nothing to change: give at least one option (see --help).');
      }
      const key = await ctx.withSession((client) => client.management.apiKeys.update(id, updates));
      const out = ctx.output();
      if (opts.json) out.json(key);
      else printKey(out, key);
    });
  examples(
    command,
    'keyward keys update 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11 --rate-limit 600',
    'keyward keys update 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11 --name billing --clear-expiry',
  );
};
