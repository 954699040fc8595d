import { Writable } from 'node:stream';
import { PING_FRAME, RESET_FRAME, SseSink } from './sse-sink';

/** A socket whose reader stops reading: nothing it is given completes until `release`. */
function stalledSocket(): { out: Writable; written: string[]; release: () => void } {
  const written: string[] = [];
  let pending: (() => void)[] = [];
  let stalled = true;
  const out = new Writable({
    highWaterMark: 64,
    decodeStrings: false,
    write(chunk: string, _encoding, callback) {
      written.push(chunk);
      if (stalled) pending.push(callback);
      else callback();
    },
  });
  const release = (): void => {
    stalled = false;
    const callbacks = pending;
    pending = [];
    for (const callback of callbacks) callback();
  };
  return { out, written, release };
}

const frame = (n: number): string => `id: ${n}\nevent: key.changed\ndata: {"n":${n}}\n\n`;

describe('SseSink', () => {
  it('queues at most its bound for a subscriber that stops reading, then sends a reset', async () => {
    const { out, written, release } = stalledSocket();
    const sink = new SseSink(out, 5);
    for (let n = 1; n <= 20; n++) sink.send(frame(n));
    expect(sink.queued).toBeLessThanOrEqual(6);
    sink.ping(); // not queued behind a stalled socket
    release();
    await new Promise((resolve) => setImmediate(resolve));
    const text = written.join('');
    expect(text).toContain(RESET_FRAME);
    expect(text).not.toContain(PING_FRAME);
    // The first frames went out before the push-back; the last ones follow the reset.
    expect(text.indexOf(frame(20))).toBeGreaterThan(text.indexOf(RESET_FRAME));
    expect(text).not.toContain(frame(10));
  });

  it('writes straight through while the subscriber keeps up', () => {
    const written: string[] = [];
    const out = new Writable({
      decodeStrings: false,
      write(chunk: string, _e, cb) {
        written.push(chunk);
        cb();
      },
    });
    const sink = new SseSink(out, 2);
    for (let n = 1; n <= 10; n++) sink.send(frame(n));
    expect(written).toHaveLength(10);
    expect(written.join('')).not.toContain(RESET_FRAME);
  });
});
