/** What a sink writes to: an HTTP response's socket side (`reply.raw`). */
export interface SseOutput {
  write(chunk: string): boolean;
  once(event: 'drain', listener: () => void): unknown;
  readonly writableEnded: boolean;
  readonly destroyed: boolean;
}

export const RESET_FRAME = 'event: reset\ndata: {}\n\n';
export const PING_FRAME = ': ping\n\n';

/**
 * One Server-Sent Events subscriber's outgoing side, bounded: frames go straight to the socket
 * while it keeps up; once it pushes back, at most `maxQueued` wait for its 'drain'. A queue that
 * fills is dropped whole for one `event: reset` (the subscriber then drops every cached answer),
 * so a slow or dead subscriber costs bounded memory and never holds anything else up.
 */
export class SseSink {
  private queue: string[] = [];
  private waiting = false;

  constructor(
    private readonly out: SseOutput,
    private readonly maxQueued: number,
  ) {}

  get queued(): number {
    return this.queue.length;
  }

  send(frame: string): void {
    if (this.out.writableEnded || this.out.destroyed) return;
    if (this.waiting) {
      if (this.queue.length >= this.maxQueued) this.queue = [RESET_FRAME];
      this.queue.push(frame);
      return;
    }
    if (!this.out.write(frame)) this.waitForDrain();
  }

  /** A heartbeat: sent only to a subscriber that keeps up (a queued frame shows it is alive). */
  ping(): void {
    if (!this.waiting) this.send(PING_FRAME);
  }

  private waitForDrain(): void {
    this.waiting = true;
    this.out.once('drain', () => {
      this.waiting = false;
      const queue = this.queue;
      this.queue = [];
      for (let i = 0; i < queue.length; i++) {
        if (this.out.writableEnded || this.out.destroyed) return;
        if (!this.out.write(queue[i])) {
          this.queue = queue.slice(i + 1);
          this.waitForDrain();
          return;
        }
      }
    });
  }
}
