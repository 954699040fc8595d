import { CliFailure } from '../../errors';
import { assertConfirmable, confirmed, examples, JSON_FLAG, type CommandModule } from '../shared';

export const revokeKeyCommand: CommandModule = (parent, ctx) => {
  const command = parent
    .command('revoke')
    .description('Revoke an API key: it stops working at once and stays listed')
    .argument('<id>', 'the key id')
    .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
    .option(...JSON_FLAG)
    .action(async (id: string, opts: { yes?: boolean; json?: boolean }) => {
      assertConfirmable(ctx, opts.yes);
      const answer = await ctx.withSession(async (client) => {
        const go = await confirmed(ctx, opts.yes, async () => {
          const key = await client.management.apiKeys.get(id);
          return `Revoke API key "${key.name}" (${key.key_prefix}…)? It stops working at once.`;
        });
        if (!go) throw new CliFailure('Not revoked.');
        return client.management.apiKeys.revoke(id);
      });
      const out = ctx.output();
      if (opts.json) out.json(answer);
      else out.line(`Revoked API key ${id}.`);
    });
  examples(
    command,
    'keyward keys revoke 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11',
    'keyward keys revoke 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11 --yes',
  );
};
