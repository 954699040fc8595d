/** How long a change waits for the ones before it (see KeyChangeOrder). */
export const KEY_CHANGE_ORDER_WAIT_MS = 250;

/**
 * Puts key changes back in id order before they are sent. Ids come from one sequence, but an
 * instance hears other instances' changes later than its own (through Redis or NOTIFY), and
 * concurrent changes on one instance finish in any order: without this a subscriber could be
 * sent 11 before 10 and, reconnecting in between, resume after 11 and never be sent 10.
 *
 * A change waits while an earlier id is missing, for at most `waitMs` (well inside the stream's
 * one-second bound); then what waits goes out in order past the gap (an id whose change was never
 * recorded, or that is later still). A change older than one already sent goes out at once.
 */
export class KeyChangeOrder<T extends { seq: string }> {
  /** The id expected next; null until the first change (or after `release`). */
  private next: bigint | null = null;
  private readonly waiting = new Map<bigint, T>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly send: (change: T) => void,
    private readonly waitMs = KEY_CHANGE_ORDER_WAIT_MS,
  ) {}

  push(change: T): void {
    const seq = BigInt(change.seq);
    if (this.next === null || seq === this.next) {
      this.emit(change, seq);
      this.drain();
    } else if (seq < this.next) {
      this.send(change);
    } else {
      this.waiting.set(seq, change);
      if (this.timer === undefined) {
        this.timer = setTimeout(() => this.release(), this.waitMs);
        this.timer.unref();
      }
    }
  }

  /** Sends what waits now, in order, past any missing id (the wait is over, or a reset). */
  release(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = [...this.waiting].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.waiting.clear();
    for (const [seq, change] of waiting) this.emit(change, seq);
  }

  private emit(change: T, seq: bigint): void {
    this.next = seq + 1n;
    this.send(change);
  }

  private drain(): void {
    let change: T | undefined;
    while (this.next !== null && (change = this.waiting.get(this.next)) !== undefined) {
      this.waiting.delete(this.next);
      this.emit(change, this.next);
    }
    if (this.waiting.size === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
