import { effectiveBalance, refillPeriodStart, type StoredCredits } from './credits-period';

describe('credit refill periods', () => {
  it('starts a daily period at 00:00 UTC and a monthly one on the 1st at 00:00 UTC', () => {
    const now = new Date('2030-03-31T23:59:59.999Z');
    expect(refillPeriodStart('daily', now).toISOString()).toBe('2030-03-31T00:00:00.000Z');
    expect(refillPeriodStart('monthly', now).toISOString()).toBe('2030-03-01T00:00:00.000Z');
    const leap = new Date('2032-02-29T00:00:00.000Z');
    expect(refillPeriodStart('daily', leap).toISOString()).toBe('2032-02-29T00:00:00.000Z');
    expect(refillPeriodStart('monthly', leap).toISOString()).toBe('2032-02-01T00:00:00.000Z');
  });

  const stored = (overrides: Partial<StoredCredits>): StoredCredits => ({
    creditsRemaining: 3,
    creditsBalanceSet: 10,
    creditsRefillAmount: 10,
    creditsRefillInterval: 'daily',
    creditsPeriod: new Date('2030-01-10T00:00:00.000Z'),
    ...overrides,
  });

  it('counts a balance from an earlier period as the refill amount', () => {
    const key = stored({});
    expect(effectiveBalance(key, new Date('2030-01-10T23:59:59.999Z'))).toBe(3);
    expect(effectiveBalance(key, new Date('2030-01-11T00:00:00.000Z'))).toBe(10);
    const monthly = stored({
      creditsRefillInterval: 'monthly',
      creditsPeriod: new Date('2030-01-01'),
    });
    expect(effectiveBalance(monthly, new Date('2030-01-31T23:59:59.999Z'))).toBe(3);
    expect(effectiveBalance(monthly, new Date('2030-02-01T00:00:00.000Z'))).toBe(10);
  });

  it('never refills a balance without a refill, and has none without credits', () => {
    const now = new Date('2031-01-01T00:00:00.000Z');
    const noRefill = stored({ creditsRefillAmount: null, creditsRefillInterval: null });
    expect(effectiveBalance(noRefill, now)).toBe(3);
    expect(effectiveBalance(stored({ creditsRemaining: null }), now)).toBeNull();
  });
});
