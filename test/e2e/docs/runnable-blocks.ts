import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The line before a fenced code block that a test must be able to run as written. */
export const RUNNABLE_MARK = '<!-- runnable -->';

export type BlockLanguage = 'bash' | 'ts';

export interface CodeBlock {
  /** `README.md:42`, the line of the opening fence. */
  where: string;
  language: BlockLanguage;
  code: string;
}

const LANGUAGES: Record<string, BlockLanguage> = { bash: 'bash', sh: 'bash', ts: 'ts' };

/**
 * The code blocks of a Markdown file marked runnable, in document order. A mark that is not
 * followed by a fence, or a fence in a language the test cannot run, is an error: a mark that
 * silently selects nothing would let an example stop being run without anyone noticing.
 */
export function runnableBlocks(path: string, name: string): CodeBlock[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== RUNNABLE_MARK) continue;
    let fence = i + 1;
    while (fence < lines.length && lines[fence].trim() === '') fence++;
    const opening = /^```(\S*)\s*$/.exec(lines[fence] ?? '');
    if (!opening) throw new Error(`${name}:${i + 1}: ${RUNNABLE_MARK} is not followed by a fence`);
    const language = LANGUAGES[opening[1]];
    if (!language) throw new Error(`${name}:${fence + 1}: cannot run a \`${opening[1]}\` block`);
    const closing = lines.indexOf('```', fence + 1);
    if (closing < 0) throw new Error(`${name}:${fence + 1}: the block is never closed`);
    blocks.push({
      where: `${name}:${fence + 1}`,
      language,
      code: lines.slice(fence + 1, closing).join('\n'),
    });
    i = closing;
  }
  return blocks;
}

/**
 * The blocks of one language as one program, each preceded by a comment naming where it comes
 * from, so an error's line leads back to the document.
 */
export function asOneProgram(blocks: CodeBlock[], comment: string): string {
  return blocks.map((b) => `${comment} ${b.where}\n${b.code}\n`).join('\n');
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command without blocking the event loop: the service the examples talk to listens in
 * this very process.
 */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${options.timeoutMs} ms]`;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.once('error', (err) => {
      clearTimeout(timer);
      fail(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** The whole story of a failed run, for the assertion message. */
export function describeRun(what: string, result: RunResult, program: string): string {
  return [
    `${what} exited ${result.code}`,
    '--- program',
    program
      .split('\n')
      .map((line, n) => `${String(n + 1).padStart(4)}  ${line}`)
      .join('\n'),
    '--- stdout',
    result.stdout,
    '--- stderr',
    result.stderr,
  ].join('\n');
}
