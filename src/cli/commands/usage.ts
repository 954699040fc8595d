import { Option } from 'commander';
import type {
  KeyUsageResponse,
  OutcomeCounts,
  UsageGranularity,
  UsageOutcome,
  UsageSummaryResponse,
} from '@keyward/client';
import { UsageError } from '../errors';
import type { Output } from '../output';
import { examples, instant, JSON_FLAG, type CommandModule } from './shared';

interface UsageOptions {
  since?: string;
  until?: string;
  granularity?: UsageGranularity;
  all?: boolean;
  json?: boolean;
}

const OUTCOMES: UsageOutcome[] = [
  'valid',
  'rate_limited',
  'credits_exhausted',
  'ip_not_allowed',
  'insufficient_scope',
  'revoked',
  'expired',
  'rotated',
];

/**
 * `keyward usage`: every key's totals, or one key's buckets. The table shows `valid` and the
 * refusals that happened in the range, so it stays narrow; `--json` has every outcome.
 */
export const usageCommand: CommandModule = (program, ctx) => {
  const command = program
    .command('usage')
    .description("Requests by outcome: every key's totals, or one key's buckets")
    .argument('[key-id]', 'one key: its buckets instead of every key’s totals')
    .option('--since <date>', 'start of the range (default 24 hours ago)', instant)
    .option('--until <date>', 'end of the range (default now)', instant)
    .addOption(
      new Option('--granularity <size>', 'bucket size for one key (default hour)').choices([
        'minute',
        'hour',
        'day',
      ]),
    )
    .option('--all', "admin: every user's keys")
    .option(...JSON_FLAG)
    .action(async (keyId: string | undefined, opts: UsageOptions) => {
      const range = { since: opts.since, until: opts.until };
      if (keyId !== undefined) {
        if (opts.all) throw new UsageError('--all lists every key; leave out the key id.');
        const usage = await ctx.withSession((client) =>
          client.management.usage.forKey(keyId, { ...range, granularity: opts.granularity }),
        );
        const out = ctx.output();
        return opts.json ? out.json(usage) : printBuckets(out, usage);
      }
      if (opts.granularity) throw new UsageError('--granularity needs a key id.');
      const summary = await ctx.withSession((client) =>
        client.management.usage.summary({ ...range, all: opts.all }),
      );
      const out = ctx.output();
      return opts.json ? out.json(summary) : printSummary(out, summary);
    });
  examples(
    command,
    'keyward usage',
    'keyward usage --since 2026-12-01 --json',
    'keyward usage 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11 --granularity minute',
  );
};

/** `valid`, then the outcomes that happened at all: the columns worth a glance. */
function columns(totals: OutcomeCounts): UsageOutcome[] {
  return OUTCOMES.filter((o) => o === 'valid' || totals[o] > 0);
}

const cells = (counts: OutcomeCounts, shown: UsageOutcome[]): string[] =>
  shown.map((o) => String(counts[o]));

const heading = (shown: UsageOutcome[]): string[] => shown.map((o) => o.toUpperCase());

function printBuckets(out: Output, usage: KeyUsageResponse): void {
  if (usage.buckets.length === 0) return out.line('No requests in this range.');
  const shown = columns(usage.totals);
  out.table(
    ['START', ...heading(shown)],
    [
      ...usage.buckets.map((b) => [b.start, ...cells(b.counts, shown)]),
      ['total', ...cells(usage.totals, shown)],
    ],
  );
}

function printSummary(out: Output, summary: UsageSummaryResponse): void {
  if (summary.keys.length === 0) return out.line('No API keys.');
  const shown = columns(summary.totals);
  out.table(
    ['ID', 'NAME', ...heading(shown)],
    [
      ...summary.keys.map((k) => [k.key_id, k.name, ...cells(k.totals, shown)]),
      ['total', '', ...cells(summary.totals, shown)],
    ],
  );
}
