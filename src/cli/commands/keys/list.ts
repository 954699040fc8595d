import { Option } from 'commander';
import type { APIKeyStatus, ListAPIKeysOptions, ListAPIKeysResponse, Scope } from '@keyward/client';
import { KEY_TABLE_HEADERS, keyRow, keyRowStyle } from '../../output';
import { examples, integer, JSON_FLAG, type CommandModule } from '../shared';

interface ListOptions {
  status?: APIKeyStatus;
  scope?: Scope;
  q?: string;
  limit?: number;
  cursor?: string;
  all?: boolean;
  json?: boolean;
}

export const listKeysCommand: CommandModule = (parent, ctx) => {
  const command = parent
    .command('list')
    .description('List your API keys, newest first')
    .addOption(
      new Option('--status <status>', 'only keys in this state').choices([
        'active',
        'revoked',
        'expired',
        'all',
      ]),
    )
    .option('--scope <scope>', 'only keys holding this scope')
    .option('--q <text>', 'name contains <text>, or the key prefix starts with it')
    .option('--limit <n>', 'keys per page, 1 to 500 (the service defaults to 100)', integer(1, 500))
    .option('--cursor <cursor>', 'continue from the next_cursor of an earlier page')
    .option('--all', 'follow next_cursor through every page')
    .option(...JSON_FLAG)
    .action(async (opts: ListOptions) => {
      const query: ListAPIKeysOptions = {
        status: opts.status,
        scope: opts.scope,
        q: opts.q,
        limit: opts.limit,
        cursor: opts.cursor,
      };
      const page = await ctx.withSession(async (client) => {
        let result = await client.management.apiKeys.list(query);
        while (opts.all && result.next_cursor) {
          const next = await client.management.apiKeys.list({
            ...query,
            cursor: result.next_cursor,
          });
          result = { ...next, api_keys: [...result.api_keys, ...next.api_keys] };
        }
        return result;
      });
      print(page, opts);
    });
  examples(
    command,
    'keyward keys list',
    'keyward keys list --status active --scope read:users --q billing',
    'keyward keys list --all --json | jq -r ".api_keys[].id"',
  );

  function print(page: ListAPIKeysResponse, opts: ListOptions): void {
    const out = ctx.output();
    if (opts.json) return out.json(page);
    if (page.api_keys.length === 0) return out.line('No API keys.');
    out.table(KEY_TABLE_HEADERS, page.api_keys.map(keyRow), keyRowStyle);
    const shown = `${page.api_keys.length} of ${page.total} key${page.total === 1 ? '' : 's'}`;
    out.line(
      out.style(
        'dim',
        page.next_cursor ? `${shown}; more with --cursor ${page.next_cursor} (or --all)` : shown,
      ),
    );
  }
};
