import { type Command, Option } from 'commander';
import type {
  AuditAction,
  AuditEvent,
  ListAuditEventsOptions,
  ListAuditEventsResponse,
} from '@keyward/client';
import { AUDIT_ACTIONS } from '../../../audit/audit.types';
import { examples, instant, integer, JSON_FLAG, type CommandModule } from '../shared';
import { ReportedFailure } from '../../errors';

/** The actions a filter may name (the service refuses any other with a 400 too). */
const ACTIONS: readonly AuditAction[] = AUDIT_ACTIONS;

interface AuditOptions {
  action?: AuditAction;
  since?: string;
  until?: string;
  target?: string;
  actor?: string;
  limit?: number;
  cursor?: string;
  all?: boolean;
  json?: boolean;
}

const HEADERS = ['SEQ', 'AT', 'ACTION', 'ACTOR', 'TARGET', 'IP'];

const who = (party?: { type: string; id?: string }): string =>
  party ? (party.id ? `${party.type} ${party.id}` : party.type) : '-';

function row(event: AuditEvent): string[] {
  return [
    String(event.seq),
    event.at,
    event.action,
    who(event.actor),
    who(event.target),
    event.ip ?? '-',
  ];
}

/** `keyward audit`: the audit log, newest first; `keyward audit verify`: the chain check. */
export const auditCommand: CommandModule = (parent, ctx) => {
  const command = parent
    .command('audit')
    .description('Show the audit log: your account’s and keys’ events, newest first')
    .addOption(new Option('--action <action>', 'only events of this action').choices(ACTIONS))
    .option('--since <date>', 'events at or after this date or date-time', instant)
    .option('--until <date>', 'events before this date or date-time', instant)
    .option('--target <id>', 'events about this key or user')
    .option('--actor <id>', 'events done by this user or key')
    .option(
      '--limit <n>',
      'events per page, 1 to 500 (the service defaults to 100)',
      integer(1, 500),
    )
    .option('--cursor <cursor>', 'continue from the next_cursor of an earlier page')
    .option('--all', "admin: every user's events")
    .option(...JSON_FLAG)
    .action(async (opts: AuditOptions) => {
      const query: ListAuditEventsOptions = {
        action: opts.action,
        since: opts.since,
        until: opts.until,
        target_id: opts.target,
        actor_id: opts.actor,
        limit: opts.limit,
        cursor: opts.cursor,
        all: opts.all,
      };
      const page = await ctx.withSession((client) => client.management.audit.list(query));
      print(page, opts);
    });
  examples(
    command,
    'keyward audit',
    'keyward audit --action api_key.revoked --since 2026-12-01',
    'keyward audit --all --limit 500 --json | jq -r ".events[].action"',
    'keyward audit verify',
  );

  const verify = command
    .command('verify')
    .description('Admin: check that no kept event was edited, deleted or reordered')
    .option(...JSON_FLAG)
    .action(async (_opts: unknown, self: Command) => {
      // `audit` has a --json of its own, which takes the flag wherever it is written.
      const { json } = self.optsWithGlobals<{ json?: boolean }>();
      const result = await ctx.withSession((client) => client.management.audit.verify());
      const out = ctx.output();
      if (json) out.json(result);
      else {
        out.line(
          result.ok
            ? out.style('green', `The chain holds: ${result.checked} events checked.`)
            : out.style(
                'red',
                `The chain is broken at event ${result.first_bad_seq} (${result.checked} checked).`,
              ),
        );
      }
      // A script or a cron job checks the chain by the exit status.
      if (!result.ok) throw new ReportedFailure('the audit chain is broken');
    });
  examples(verify, 'keyward audit verify', 'keyward audit verify --json | jq .ok');

  function print(page: ListAuditEventsResponse, opts: AuditOptions): void {
    const out = ctx.output();
    if (opts.json) return out.json(page);
    if (page.events.length === 0) return out.line('No audit events.');
    out.table(HEADERS, page.events.map(row));
    if (page.next_cursor) {
      out.line(out.style('dim', `more with --cursor ${page.next_cursor}`));
    }
  }
};
