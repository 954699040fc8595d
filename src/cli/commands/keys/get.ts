import { printKey } from '../../output';
import { examples, JSON_FLAG, type CommandModule } from '../shared';

export const getKeyCommand: CommandModule = (parent, ctx) => {
  const command = parent
    .command('get')
    .description('Show one API key')
    .argument('<id>', 'the key id')
    .option(...JSON_FLAG)
    .action(async (id: string, opts: { json?: boolean }) => {
      const key = await ctx.withSession((client) => client.management.apiKeys.get(id));
      const out = ctx.output();
      if (opts.json) out.json(key);
      else printKey(out, key);
    });
  examples(command, 'keyward keys get 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11');
};
