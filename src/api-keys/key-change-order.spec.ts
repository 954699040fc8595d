import { KeyChangeOrder } from './key-change-order';

describe('KeyChangeOrder', () => {
  let sent: string[];
  let order: KeyChangeOrder<{ seq: string }>;
  const push = (...seqs: number[]): void => {
    for (const seq of seqs) order.push({ seq: String(seq) });
  };

  beforeEach(() => {
    jest.useFakeTimers();
    sent = [];
    order = new KeyChangeOrder((change) => sent.push(change.seq), 250);
  });
  afterEach(() => jest.useRealTimers());

  it('sends changes that arrive in order at once', () => {
    push(10, 11, 12);
    expect(sent).toEqual(['10', '11', '12']);
  });

  it('holds a change until the one before it arrives, then sends both in order', () => {
    push(10, 12);
    expect(sent).toEqual(['10']);
    push(11);
    expect(sent).toEqual(['10', '11', '12']);
    jest.advanceTimersByTime(1000);
    expect(sent).toEqual(['10', '11', '12']);
  });

  it('sends what waits, in order past the gap, once the wait is over', () => {
    push(10, 13, 12);
    jest.advanceTimersByTime(249);
    expect(sent).toEqual(['10']);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual(['10', '12', '13']);
    push(14);
    expect(sent).toEqual(['10', '12', '13', '14']);
  });

  it('sends a change older than one already sent at once', () => {
    push(10, 12);
    jest.advanceTimersByTime(250);
    push(11);
    expect(sent).toEqual(['10', '12', '11']);
  });

  it('sends everything waiting when released (a reset)', () => {
    push(10, 15, 13);
    order.release();
    expect(sent).toEqual(['10', '13', '15']);
  });
});
