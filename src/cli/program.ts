import { Command } from 'commander';
import { auditCommand } from './commands/audit';
import { keysCommand } from './commands/keys';
import { loginCommand } from './commands/login';
import { logoutCommand } from './commands/logout';
import { usageCommand } from './commands/usage';
import { examples, type CommandModule } from './commands/shared';
import type { CliContext } from './context';

/** The top-level commands; each is one module, and a new one is one more line here. */
const COMMANDS: CommandModule[] = [
  loginCommand,
  logoutCommand,
  keysCommand,
  usageCommand,
  auditCommand,
];

/**
 * The `keyward` command tree. Commander's own exits are turned into exceptions (`exitOverride`,
 * inherited by every subcommand) so that `run` alone decides the exit status.
 */
export function createProgram(ctx: CliContext): Command {
  const program = new Command('keyward')
    .description('Manage Keyward API keys from the command line')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.term.stdout.write(text),
      writeErr: (text) => ctx.term.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)');
  for (const add of COMMANDS) add(program, ctx);
  examples(
    program,
    'keyward login --email ops@example.com',
    'keyward keys create --name "Billing service" --scopes read:users',
    'keyward keys list --status active',
    'keyward keys revoke 0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11 --yes',
    'keyward usage --since 2026-12-01',
  );
  program.addHelpText(
    'after',
    '\nKEYWARD_URL names the service for `login` (default http://localhost:8080).\n' +
      'Exit status: 0 success, 1 the service refused or could not be reached, 2 usage error.',
  );
  return program;
}
