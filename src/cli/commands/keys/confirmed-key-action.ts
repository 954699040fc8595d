import type { Command } from 'commander';
import type { APIKey, KeywardClient } from '@keyward/client';
import { CliFailure } from '../../errors';
import type { Output } from '../../output';
import { assertConfirmable, confirmed, examples, JSON_FLAG, type CommandModule } from '../shared';

/**
 * A key command that changes the key for good, so it asks first (or takes --yes). `Options`
 * are the command's own flags beyond --yes and --json; `Answer` is what the call returns.
 */
export interface ConfirmedKeyAction<Options extends object = object, Answer = unknown> {
  name: string;
  description: string;
  /** Adds the command's own flags. */
  options?(command: Command): void;
  /** The question, about the key as the service knows it. */
  question(key: APIKey, opts: Options): string;
  /** Said (exit 1) when the user answers no. */
  declined: string;
  /** Said on success, without --json. */
  done(id: string): string;
  /** Shown after `done`, without --json: what of the answer the user must see. */
  show?(out: Output, answer: Answer): void;
  call(client: KeywardClient, id: string, opts: Options): Promise<Answer>;
  /** Examples beyond the plain and the --yes one. */
  examples?: string[];
}

export function confirmedKeyAction<Options extends object = object, Answer = unknown>(
  action: ConfirmedKeyAction<Options, Answer>,
): CommandModule {
  return (parent, ctx) => {
    const command = parent
      .command(action.name)
      .description(action.description)
      .argument('<id>', 'the key id');
    action.options?.(command);
    command
      .option('-y, --yes', 'do not ask for confirmation (needed without a terminal)')
      .option(...JSON_FLAG)
      .action(async (id: string, opts: Options & { yes?: boolean; json?: boolean }) => {
        assertConfirmable(ctx, opts.yes);
        const answer = await ctx.withSession(async (client) => {
          const go = await confirmed(ctx, opts.yes, async () =>
            action.question(await client.management.apiKeys.get(id), opts),
          );
          if (!go) throw new CliFailure(action.declined);
          return action.call(client, id, opts);
        });
        const out = ctx.output();
        if (opts.json) return out.json(answer);
        out.line(action.done(id));
        action.show?.(out, answer);
      });
    examples(
      command,
      `keyward keys ${action.name} 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11`,
      `keyward keys ${action.name} 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11 --yes`,
      ...(action.examples ?? []),
    );
  };
}
