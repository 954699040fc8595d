import { CliFailure } from '../../errors';
import { assertConfirmable, confirmed, examples, JSON_FLAG, type CommandModule } from '../shared';

export const deleteKeyCommand: CommandModule = (parent, ctx) => {
  const command = parent
    .command('delete')
    .description('Delete an API key for good')
    .argument('<id>', 'the key id')
    .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
    .option(...JSON_FLAG)
    .action(async (id: string, opts: { yes?: boolean; json?: boolean }) => {
      assertConfirmable(ctx, opts.yes);
      const answer = await ctx.withSession(async (client) => {
        const go = await confirmed(ctx, opts.yes, async () => {
          const key = await client.management.apiKeys.get(id);
          return `Delete API key "${key.name}" (${key.key_prefix}…) for good?`;
        });
        if (!go) throw new CliFailure('Not deleted.');
        return client.management.apiKeys.delete(id);
      });
      const out = ctx.output();
      if (opts.json) out.json(answer);
      else out.line(`Deleted API key ${id}.`);
    });
  examples(
    command,
    'keyward keys delete 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11',
    'keyward keys delete 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11 --yes',
  );
};
