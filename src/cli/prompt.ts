import { createInterface } from 'node:readline/promises';
import { CliFailure } from './errors';

export interface Terminal {
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
}

/** Whether a person can answer: prompts read stdin and are written on stderr. */
export function canPrompt({ stdin, stderr }: Terminal): boolean {
  return stdin.isTTY === true && stderr.isTTY === true;
}

/** One line typed by the user, echoed. */
export async function ask(term: Terminal, question: string): Promise<string> {
  const rl = createInterface({ input: term.stdin, output: term.stderr, terminal: true });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}

/** A yes/no question that defaults to no. */
export async function confirm(term: Terminal, question: string): Promise<boolean> {
  return /^y(es)?$/i.test(await ask(term, `${question} [y/N] `));
}

/** A line typed without echo (a password), read in raw mode. Ctrl-C aborts. */
export function askHidden(term: Terminal, question: string): Promise<string> {
  const { stdin, stderr } = term;
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer): void => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new CliFailure('Aborted.'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    // Raw before the prompt shows, so nothing typed after it is echoed by the terminal.
    stdin.setRawMode(true);
    stderr.write(question);
    stdin.resume();
    stdin.on('data', onData);
  });
}
