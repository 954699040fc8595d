import type { APIKey, KeywardClient } from '@keyward/client';
import { CliFailure } from '../../errors';
import { assertConfirmable, confirmed, examples, JSON_FLAG, type CommandModule } from '../shared';

/** A key command that changes the key for good, so it asks first (or takes --yes). */
export interface ConfirmedKeyAction {
  name: string;
  description: string;
  /** The question, about the key as the service knows it. */
  question(key: APIKey): string;
  /** Said (exit 1) when the user answers no. */
  declined: string;
  /** Said on success, without --json. */
  done(id: string): string;
  call(client: KeywardClient, id: string): Promise<unknown>;
}

export function confirmedKeyAction(action: ConfirmedKeyAction): CommandModule {
  return (parent, ctx) => {
    const command = parent
      .command(action.name)
      .description(action.description)
      .argument('<id>', 'the key id')
      .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
      .option(...JSON_FLAG)
      .action(async (id: string, opts: { yes?: boolean; json?: boolean }) => {
        assertConfirmable(ctx, opts.yes);
        const answer = await ctx.withSession(async (client) => {
          const go = await confirmed(ctx, opts.yes, async () =>
            action.question(await client.management.apiKeys.get(id)),
          );
          if (!go) throw new CliFailure(action.declined);
          return action.call(client, id);
        });
        const out = ctx.output();
        if (opts.json) out.json(answer);
        else out.line(action.done(id));
      });
    examples(
      command,
      `keyward keys ${action.name} 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11`,
      `keyward keys ${action.name} 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11 --yes`,
    );
  };
}
