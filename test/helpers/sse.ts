import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from './test-app';

/** One Server-Sent Events frame as a client parses it (comments kept apart). */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

export interface SseStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  frames: SseFrame[];
  text(): string;
  /** Resolves with the first frame (from the start) `match` accepts; rejects after `timeoutMs`. */
  next(match: (frame: SseFrame) => boolean, timeoutMs?: number): Promise<SseFrame>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function baseUrlOf(t: TestApp): string {
  const { port } = t.http.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Opens `path` as an event stream on a listening app; resolves once the headers arrived. */
export function openEventStream(
  t: TestApp,
  path: string,
  headers: Record<string, string>,
): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${baseUrlOf(t)}${path}`, { headers }, (res) => {
      res.setEncoding('utf8');
      let raw = '';
      let buffer = '';
      const frames: SseFrame[] = [];
      const waiters: (() => void)[] = [];
      const ended = new Promise<void>((done) => res.on('close', () => done()));
      res.on('data', (chunk: string) => {
        raw += chunk;
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const frame: SseFrame = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) frame.comment = line.slice(1).trim();
            const [field, ...rest] = line.split(': ');
            const value = rest.join(': ');
            if (field === 'id') frame.id = value;
            if (field === 'event') frame.event = value;
            if (field === 'data') frame.data = value;
          }
          frames.push(frame);
        }
        for (const wake of waiters.splice(0)) wake();
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        frames,
        text: () => raw,
        ended,
        next(match, timeoutMs = 3000) {
          return new Promise((found, fail) => {
            const timer = setTimeout(
              () => fail(new Error(`no matching frame within ${timeoutMs} ms:\n${raw}`)),
              timeoutMs,
            );
            const look = (): void => {
              const frame = frames.find(match);
              if (frame) {
                clearTimeout(timer);
                found(frame);
              } else waiters.push(look);
            };
            look();
          });
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

/** The `key.changed` payload of a frame. */
export function changeOf(frame: SseFrame): { key_id: string; change: string; at: string } {
  return JSON.parse(frame.data ?? '{}') as { key_id: string; change: string; at: string };
}
