import type { APIKey } from '@keyward/client';

export type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow';
const ANSI: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
};

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Where a command writes: results on stdout, messages and prompts on stderr. */
export class Output {
  constructor(
    private readonly stdout: Stream,
    private readonly stderr: Stream,
    private readonly color: boolean,
  ) {}

  static for(stdout: Stream, stderr: Stream, noColor: boolean): Output {
    return new Output(stdout, stderr, stdout.isTTY === true && !noColor);
  }

  /** The API's JSON as it came, and nothing else, for scripts. */
  json(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  line(text = ''): void {
    this.stdout.write(`${text}\n`);
  }

  error(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  style(style: Style, text: string): string {
    if (!this.color) return text;
    const [open, close] = ANSI[style];
    return `\u001b[${open}m${text}\u001b[${close}m`;
  }

  /** Columns padded to their widest cell; the header in bold. */
  table(
    headers: string[],
    rows: string[][],
    rowStyle?: (row: string[]) => Style | undefined,
  ): void {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const render = (cells: string[]): string =>
      cells
        .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
        .join('  ')
        .trimEnd();
    this.line(this.style('bold', render(headers)));
    for (const row of rows) {
      const style = rowStyle?.(row);
      this.line(style ? this.style(style, render(row)) : render(row));
    }
  }

  /** One record as `label  value` lines. */
  fields(entries: [string, string | undefined][]): void {
    const shown = entries.filter((entry): entry is [string, string] => entry[1] !== undefined);
    const width = Math.max(...shown.map(([label]) => label.length));
    for (const [label, value] of shown) {
      this.line(`${this.style('bold', label.padEnd(width))}  ${value}`);
    }
  }

  statusLabel(status: KeyStatus): string {
    return this.style(
      status === 'active' ? 'green' : status === 'revoked' ? 'red' : 'yellow',
      status,
    );
  }
}

export type KeyStatus = 'active' | 'revoked' | 'expired';

export function keyStatus(key: APIKey, now = Date.now()): KeyStatus {
  if (key.revoked_at) return 'revoked';
  if (key.expires_at && Date.parse(key.expires_at) <= now) return 'expired';
  return 'active';
}

/** `2026-11-27 15:40 UTC`: minutes are enough to read; --json has the exact instant. */
export function formatTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return `${value.slice(0, 10)} ${value.slice(11, 16)} UTC`;
}

/** Revoked keys in red, expired ones in yellow (on a terminal). */
export const keyRowStyle = (row: string[]): Style | undefined =>
  row[3] === 'revoked' ? 'red' : row[3] === 'expired' ? 'yellow' : undefined;

export const KEY_TABLE_HEADERS = [
  'ID',
  'NAME',
  'PREFIX',
  'STATUS',
  'SCOPES',
  'RATE/MIN',
  'EXPIRES',
];

export function keyRow(key: APIKey): string[] {
  return [
    key.id,
    key.name,
    key.key_prefix,
    keyStatus(key),
    key.scopes.join(','),
    String(key.rate_limit_per_minute),
    formatTime(key.expires_at) ?? 'never',
  ];
}

/** A key's details, for `get`, `create`, `update` and `rotate`. */
export function printKey(out: Output, key: APIKey): void {
  out.fields([
    ['ID', key.id],
    ['Name', key.name],
    ['Description', key.description],
    ['Prefix', key.key_prefix],
    ['Status', out.statusLabel(keyStatus(key))],
    ['Scopes', key.scopes.join(', ')],
    ['Rate limit', `${key.rate_limit_per_minute}/min`],
    ['Created', formatTime(key.created_at)],
    ['Updated', formatTime(key.updated_at)],
    ['Expires', formatTime(key.expires_at) ?? 'never'],
    ['Revoked', formatTime(key.revoked_at)],
    ['Last used', formatTime(key.last_used_at) ?? 'never'],
    ['Rotated', formatTime(key.rotated_at)],
    ['Previous prefix', key.previous_key_prefix],
    ['Previous until', formatTime(key.previous_key_expires_at)],
  ]);
}
