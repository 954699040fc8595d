import { CommanderError } from 'commander';
import { KeywardError } from '@keyward/client';
import { CliContext } from './context';
import { readCliEnv } from './env';
import {
  CliFailure,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  ReportedFailure,
  UsageError,
} from './errors';
import { createProgram } from './program';

/** Runs `keyward` with `argv` (as process.argv) and resolves to the exit status. */
export async function run(argv: string[] = process.argv): Promise<number> {
  const ctx = new CliContext(readCliEnv(process.env), {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  });
  // `keyward keys list | head`: a reader that stops early is not a failure of ours.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    process.exit(EXIT_OK);
  });
  const program = createProgram(ctx);
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv);
    return EXIT_OK;
  } catch (err) {
    return report(err, ctx, json);
  }
}

function report(err: unknown, ctx: CliContext, json: boolean): number {
  const stderr = (text: string): void => void ctx.term.stderr.write(`${text}\n`);
  if (err instanceof CommanderError) {
    // Commander has printed its message (or the help) already.
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
    return EXIT_USAGE;
  }
  if (err instanceof ReportedFailure) return EXIT_FAILURE;
  if (err instanceof UsageError) {
    stderr(`error: ${err.message}`);
    return EXIT_USAGE;
  }
  if (err instanceof KeywardError) {
    // The service's own error body, so scripts can branch on `code`.
    if (json) {
      const details = err.details.length > 0 ? { details: err.details } : {};
      stderr(JSON.stringify({ error: err.message, code: err.code, ...details }));
    } else {
      stderr(`error: ${err.message} (${err.code})`);
      for (const d of err.details) stderr(`  ${d.field}: ${d.problem}`);
    }
    return EXIT_FAILURE;
  }
  if (err instanceof CliFailure) {
    stderr(`error: ${err.message}`);
    return EXIT_FAILURE;
  }
  stderr(`error: ${err instanceof Error ? err.message : String(err)}`);
  return EXIT_FAILURE;
}
