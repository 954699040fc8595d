/** How long a change waits for the ones before it (see KeyChangeOrder). */
export const KEY_CHANGE_ORDER_WAIT_MS = 250;

interface Waiting<T> {
  change: T;
  /** When it stops waiting for the ids before it. */
  until: number;
}

/**
 * Puts key changes back in id order before they are sent. Ids come from one sequence, but an
 * instance hears other instances' changes later than its own (through Redis or NOTIFY), and
 * concurrent changes on one instance finish in any order: without this a subscriber could be
 * sent 11 before 10 and, reconnecting in between, resume after 11 and never be sent 10.
 *
 * A change waits while an earlier id is missing, each for at most `waitMs` from its own arrival
 * (well inside the stream's one-second bound). When a change's wait is over, the ids missing
 * below it are given up (a change never recorded, or later still) and it goes out with every
 * change waiting below it, in order. A change older than one already sent goes out at once. The
 * first change heard (at start-up, after a reset) sets where the order starts.
 */
export class KeyChangeOrder<T extends { seq: string }> {
  /** The id expected next; null until the first change, and after a reset. */
  private next: bigint | null = null;
  private readonly waiting = new Map<bigint, Waiting<T>>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly send: (change: T) => void,
    private readonly waitMs = KEY_CHANGE_ORDER_WAIT_MS,
    private readonly now: () => number = Date.now,
  ) {}

  push(change: T): void {
    const seq = BigInt(change.seq);
    if (this.next === null || seq === this.next) {
      this.emit(change, seq);
      this.drain();
    } else if (seq < this.next) {
      this.send(change);
    } else {
      this.waiting.set(seq, { change, until: this.now() + this.waitMs });
      this.schedule();
    }
  }

  /** Sends everything waiting, in order, and starts the order afresh (changes were lost). */
  reset(): void {
    this.giveUpBelow(null);
    this.next = null;
  }

  private emit(change: T, seq: bigint): void {
    this.next = seq + 1n;
    this.send(change);
  }

  /** Sends the run of waiting changes that follows what was sent. */
  private drain(): void {
    let waiting: Waiting<T> | undefined;
    while (this.next !== null && (waiting = this.waiting.get(this.next)) !== undefined) {
      this.waiting.delete(this.next);
      this.emit(waiting.change, this.next);
    }
    this.schedule();
  }

  /** Sends, in order, every waiting change up to `last` (null: all of them). */
  private giveUpBelow(last: bigint | null): void {
    const due = [...this.waiting.keys()]
      .filter((seq) => last === null || seq <= last)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const seq of due) {
      const { change } = this.waiting.get(seq)!;
      this.waiting.delete(seq);
      this.emit(change, seq);
    }
    this.drain();
  }

  /** A timer for the change that stops waiting first (none when nothing waits). */
  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.waiting.size === 0) return;
    const first = Math.min(...[...this.waiting.values()].map((w) => w.until));
    this.timer = setTimeout(() => this.expire(), Math.max(0, first - this.now()));
    this.timer.unref();
  }

  private expire(): void {
    const now = this.now();
    let last: bigint | null = null;
    for (const [seq, { until }] of this.waiting) {
      if (until <= now && (last === null || seq > last)) last = seq;
    }
    if (last === null) this.schedule();
    else this.giveUpBelow(last);
  }
}
