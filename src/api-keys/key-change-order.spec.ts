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

  it('gives up a missing id once the change after it has waited its time', () => {
    push(10, 13, 12);
    jest.advanceTimersByTime(249);
    expect(sent).toEqual(['10']);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual(['10', '12', '13']);
    push(14);
    expect(sent).toEqual(['10', '12', '13', '14']);
  });

  it('lets each change wait its own time, not what is left of an earlier one', () => {
    push(10, 12); // 11 never comes
    jest.advanceTimersByTime(240);
    push(14); // waits for 13 from now on
    jest.advanceTimersByTime(10);
    expect(sent).toEqual(['10', '12']);
    jest.advanceTimersByTime(10);
    push(13); // 20 ms after 14: still in time
    expect(sent).toEqual(['10', '12', '13', '14']);
  });

  it('sends what waits below a change whose wait is over, in order', () => {
    push(10, 14); // waits for 11-13
    jest.advanceTimersByTime(100);
    push(12); // arrived later, lower id
    jest.advanceTimersByTime(150);
    expect(sent).toEqual(['10', '12', '14']);
  });

  it('sends a change older than one already sent at once', () => {
    push(10, 12);
    jest.advanceTimersByTime(250);
    push(11);
    expect(sent).toEqual(['10', '12', '11']);
  });

  it('sends everything waiting on a reset, and starts afresh from the next change', () => {
    push(10, 15, 13);
    order.reset();
    expect(sent).toEqual(['10', '13', '15']);
    push(30);
    expect(sent).toEqual(['10', '13', '15', '30']);
  });
});
