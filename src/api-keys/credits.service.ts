import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';

/** The SQL comment that marks the spend statement (the bench and tests can count it apart). */
export const CREDITS_SPEND = 'keyward:credits-spend';

export type SpendResult = { ok: true; remaining: number } | { ok: false };

/** The start of the key's refill period holding $2, in UTC; null without a refill. */
const PERIOD = `date_trunc(CASE credits_refill_interval WHEN 'daily' THEN 'day' ELSE 'month' END,
  $2::timestamptz, 'UTC')`;

/** The balance in force at $2: one written in an earlier refill period counts as the refill. */
const BALANCE = `(CASE WHEN credits_refill_interval IS NOT NULL AND credits_period < ${PERIOD}
  THEN credits_refill_amount ELSE credits_remaining END)`;

/**
 * Spends a key's credits with one statement on its row. The row lock makes concurrent spends on
 * every instance queue up and each re-read the balance, so N credits admit exactly N requests;
 * the balance is durable, so a restart gives nothing back. The refill is applied by the same
 * statement (lazily, exactly at the period boundary), with the time from the injectable Clock.
 */
@Injectable()
export class CreditsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * One credit of the key, or `{ ok: false }` when none is left (or the key has no credits any
   * more, or is gone: a cache that has not heard of the change yet).
   */
  async spend(keyId: string): Promise<SpendResult> {
    const [rows] = await this.dataSource.query<[{ remaining: number }[], number]>(
      `/* ${CREDITS_SPEND} */ UPDATE api_keys
         SET credits_remaining = ${BALANCE} - 1,
             credits_period = CASE WHEN credits_refill_interval IS NULL THEN credits_period
               ELSE GREATEST(credits_period, ${PERIOD}) END
       WHERE id = $1 AND credits_remaining IS NOT NULL AND ${BALANCE} > 0
       RETURNING credits_remaining AS remaining`,
      [keyId, this.clock.now()],
    );
    return rows.length === 1 ? { ok: true, remaining: rows[0].remaining } : { ok: false };
  }
}
