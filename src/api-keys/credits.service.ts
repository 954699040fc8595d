import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { WebhookAlerts } from '../webhooks/webhook-alerts';

/** The SQL comment that marks the spend statement (the bench and tests can count it apart). */
export const CREDITS_SPEND = 'keyward:credits-spend';

export type SpendResult = { ok: true; remaining: number } | { ok: false };

/** The start of the key's refill period holding $2, in UTC; null without a refill. */
const PERIOD = `date_trunc(CASE credits_refill_interval WHEN 'daily' THEN 'day' ELSE 'month' END,
  $2::timestamptz, 'UTC')`;

/** Whether the refill is due at $2: the balance was written in an earlier refill period. */
const REFILLED = `(credits_refill_interval IS NOT NULL AND credits_period < ${PERIOD})`;

/** The balance in force at $2: one written in an earlier refill period counts as the refill. */
const BALANCE = `(CASE WHEN ${REFILLED} THEN credits_refill_amount ELSE credits_remaining END)`;

interface SpendRow {
  remaining: number;
  /** This spend took the balance from above 10 % of the balance last set to at or below it. */
  low: boolean | null;
  userId: string;
  balanceSet: number;
  /** Which setting of the balance this is: changes with every update of the key and refill. */
  setAt: string;
}

/**
 * Spends a key's credits with one statement on its row. The row lock makes concurrent spends on
 * every instance queue up and each re-read the balance, so N credits admit exactly N requests;
 * the balance is durable, so a restart gives nothing back. The refill is applied by the same
 * statement (lazily, exactly at the period boundary), with the time from the injectable Clock.
 */
@Injectable()
export class CreditsService {
  private readonly logger = new Logger(CreditsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly alerts: WebhookAlerts,
  ) {}

  /**
   * One credit of the key, or `{ ok: false }` when none is left (or the key has no credits any
   * more, or is gone: a cache that has not heard of the change yet).
   */
  async spend(keyId: string): Promise<SpendResult> {
    // Every spend lowers the balance by exactly one under the row lock, so the one spend that
    // crosses 10 % is known from the new row alone (new ≤ 10 % < new + 1): no extra statement.
    // In bigint: ten times a balance over 2^31 / 10 overflows the column's integer type.
    const [rows] = await this.dataSource.query<[SpendRow[], number]>(
      `/* ${CREDITS_SPEND} */ UPDATE api_keys
         SET credits_remaining = ${BALANCE} - 1,
             credits_balance_set = CASE WHEN ${REFILLED} THEN credits_refill_amount
               ELSE credits_balance_set END,
             credits_period = CASE WHEN credits_refill_interval IS NULL THEN credits_period
               ELSE GREATEST(credits_period, ${PERIOD}) END
       WHERE id = $1 AND credits_remaining IS NOT NULL AND ${BALANCE} > 0
       RETURNING credits_remaining AS remaining,
         credits_remaining::bigint * 10 <= credits_balance_set
           AND (credits_remaining::bigint + 1) * 10 > credits_balance_set AS low,
         user_id AS "userId", credits_balance_set AS "balanceSet",
         updated_at::text || '/' || COALESCE(credits_period::text, '') AS "setAt"`,
      [keyId, this.clock.now()],
    );
    if (rows.length !== 1) return { ok: false };
    const row = rows[0];
    if (row.low) await this.creditsLow(keyId, row);
    return { ok: true, remaining: row.remaining };
  }

  /**
   * The spend above is one autocommitted statement, so the alert is queued in a second short
   * transaction after it: a crash between the two loses the alert (at most once), never the
   * credit; a failure to queue it is logged and the request still goes through.
   */
  private async creditsLow(keyId: string, row: SpendRow): Promise<void> {
    try {
      await this.dataSource.transaction((tx) =>
        this.alerts.creditsLow(
          tx,
          { id: keyId, userId: row.userId },
          { remaining: row.remaining, lastBalance: row.balanceSet, balanceSet: row.setAt },
        ),
      );
    } catch (err) {
      this.logger.warn(`Cannot record a low-credits alert: ${(err as Error).message}`);
    }
  }
}
