/**
 * What happened to a keyed request or a verify, as counted per key. The position of each outcome
 * is its code in `key_usage.outcome` (a smallint keeps the rows small): append only, never
 * reorder.
 */
export const USAGE_OUTCOMES = [
  'valid',
  'rate_limited',
  'credits_exhausted',
  'ip_not_allowed',
  'insufficient_scope',
  'revoked',
  'expired',
  'rotated',
] as const;

export type UsageOutcome = (typeof USAGE_OUTCOMES)[number];

export const OUTCOME_CODE: Readonly<Record<UsageOutcome, number>> = Object.freeze(
  Object.fromEntries(USAGE_OUTCOMES.map((outcome, code) => [outcome, code])) as Record<
    UsageOutcome,
    number
  >,
);

/** Counts by outcome; every outcome present, zero when it did not happen. */
export type OutcomeCounts = Record<UsageOutcome, number>;

export function zeroCounts(): OutcomeCounts {
  return Object.fromEntries(USAGE_OUTCOMES.map((o) => [o, 0])) as OutcomeCounts;
}
