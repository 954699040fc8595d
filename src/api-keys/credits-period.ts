export const REFILL_INTERVALS = ['daily', 'monthly'] as const;
export type RefillInterval = (typeof REFILL_INTERVALS)[number];

/** The start of the refill period holding `now`: 00:00 UTC that day, or the 1st of the month. */
export function refillPeriodStart(interval: RefillInterval, now: Date): Date {
  return interval === 'daily'
    ? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
    : new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export interface StoredCredits {
  creditsRemaining: number | null;
  creditsBalanceSet: number | null;
  creditsRefillAmount: number | null;
  creditsRefillInterval: RefillInterval | null;
  creditsPeriod: Date | null;
}

/**
 * The balance in force at `now`: a balance written in an earlier refill period has been
 * replaced by the refill amount (the spend statement applies the same rule in SQL).
 */
export function effectiveBalance(key: StoredCredits, now: Date): number | null {
  if (key.creditsRemaining === null) return null;
  if (key.creditsRefillInterval === null || key.creditsRefillAmount === null) {
    return key.creditsRemaining;
  }
  const period = refillPeriodStart(key.creditsRefillInterval, now);
  return key.creditsPeriod === null || key.creditsPeriod < period
    ? key.creditsRefillAmount
    : key.creditsRemaining;
}
