import { type Command, InvalidArgumentError } from 'commander';
import type { Scope } from '@keyward/client';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import { canPrompt, confirm } from '../prompt';

/** One command of the tree: adds itself (and its subcommands) to `parent`. */
export type CommandModule = (parent: Command, ctx: CliContext) => void;

/** `Examples:` after a command's help. */
export function examples(command: Command, ...lines: string[]): Command {
  return command.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`);
}

export const JSON_FLAG = ['--json', "print the API's JSON answer and nothing else"] as const;

export function integer(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** `a,b` → ['a', 'b']; the server says which scopes it does not know. */
export function scopeList(value: string): Scope[] {
  const scopes = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (scopes.length === 0)
    throw new InvalidArgumentError('expected scopes such as read:users,write:users.');
  return scopes as Scope[];
}

/** A date or date-time, sent as RFC 3339 UTC; `2027-01-31` is midnight UTC. */
export function instant(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) {
    throw new InvalidArgumentError('expected a date such as 2027-01-31 or 2027-01-31T12:00:00Z.');
  }
  return new Date(ms).toISOString();
}

/**
 * An action that cannot be undone is confirmed on a terminal, or by `--yes` in scripts;
 * without either the command refuses rather than guess (checked before any request).
 */
export function assertConfirmable(ctx: CliContext, yes: boolean | undefined): void {
  if (!yes && !canPrompt(ctx.term)) {
    throw new UsageError('No terminal to confirm on: pass --yes to go ahead.');
  }
}

/** True with `--yes`; otherwise the user's answer to `question()`. */
export async function confirmed(
  ctx: CliContext,
  yes: boolean | undefined,
  question: () => Promise<string>,
): Promise<boolean> {
  if (yes) return true;
  assertConfirmable(ctx, yes);
  return confirm(ctx.term, await question());
}
