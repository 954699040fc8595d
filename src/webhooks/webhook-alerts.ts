import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ApiKeyEntity } from '../api-keys/api-key.entity';
import { toApiKeyDto } from '../api-keys/api-key.mapper';
import { Clock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookOutbox } from './webhook-outbox';

const HOUR_MS = 3600_000;

export interface RateLimitedKey {
  id: string;
  userId: string;
  rateLimitPerMinute: number;
}
const DAY_MS = 24 * HOUR_MS;
const SCAN_BATCH = 100;
/** Batches per scan: a backlog is worked off over a few scans, never in one long burst. */
const SCAN_MAX_BATCHES = 10;
const SCAN_EVERY_MS = 60_000;
/** Marks outlive every window they guard (the 7-day warning, the hourly alert) by a day. */
const MARK_RETENTION_MS = 8 * DAY_MS;

/** The two expiry warnings: each fires once, for keys expiring within its window. */
const EXPIRY_WINDOWS = [
  { label: '7d', fromMs: DAY_MS, toMs: 7 * DAY_MS },
  { label: '1d', fromMs: 0, toMs: DAY_MS },
] as const;

/**
 * Events derived from key state rather than from a request that changed it: expiry warnings,
 * rate-limit alerts, low credits. Each happens once across every instance: its occurrence is a
 * unique row in `webhook_event_marks`, inserted in the transaction that enqueues it.
 */
@Injectable()
export class WebhookAlerts implements OnModuleInit {
  private readonly logger = new Logger(WebhookAlerts.name);
  private lastScan = 0;
  /** When this instance last noted each key's rate-limit alert: repeated 429s cost no SQL. */
  private readonly rateLimitedNoted = new Map<string, number>();
  private rateLimitedPending: { key: RateLimitedKey; at: Date }[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: WebhookOutbox,
    private readonly clock: Clock,
    private readonly dispatcher: WebhookDispatcher,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.dispatcher.onTick(async () => {
      await this.flushRateLimited();
      if (performance.now() - this.lastScan < SCAN_EVERY_MS) return;
      this.lastScan = performance.now();
      await this.scanExpiringKeys();
    });
  }

  /**
   * `api_key.expiring`, 7 days and 1 day before `expires_at`. Reads only live keys expiring
   * within the window (a range of the partial index on expires_at), a bounded batch at a time;
   * a key whose expiry changes is warned again about its new date.
   */
  async scanExpiringKeys(): Promise<number> {
    const now = this.clock.now();
    let sent = 0;
    for (const window of EXPIRY_WINDOWS) {
      for (let batch = 0; batch < SCAN_MAX_BATCHES; batch++) {
        const found = await this.dataSource.transaction(async (tx) => {
          const marked: { id: string }[] = await tx.query(
            `WITH due AS (
               SELECT k.id, 'expiring:' || $1::text || ':' || k.id || ':' ||
                      to_char(k.expires_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS') AS mark
                 FROM api_keys k
                WHERE k.expires_at IS NOT NULL AND k.revoked_at IS NULL
                  AND k.expires_at > $2 AND k.expires_at <= $3
                  AND NOT EXISTS (SELECT 1 FROM webhook_event_marks m WHERE m.mark =
                        'expiring:' || $1::text || ':' || k.id || ':' ||
                        to_char(k.expires_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS'))
                ORDER BY k.expires_at
                LIMIT $4
             ), marked AS (
               INSERT INTO webhook_event_marks (mark, created_at)
               SELECT mark, $5 FROM due
               ON CONFLICT (mark) DO NOTHING
               RETURNING mark
             )
             SELECT due.id FROM due JOIN marked USING (mark)`,
            [
              window.label,
              new Date(now.getTime() + window.fromMs),
              new Date(now.getTime() + window.toMs),
              SCAN_BATCH,
              now,
            ],
          );
          if (marked.length === 0) return 0;
          const keys = await tx
            .getRepository(ApiKeyEntity)
            .findBy({ id: In(marked.map((m) => m.id)) });
          for (const key of keys) {
            await this.outbox.enqueue(tx, {
              id: randomUUID(),
              type: 'api_key.expiring',
              at: now,
              ownerUserId: key.userId,
              data: { api_key: toApiKeyDto(key), expires_in: window.label },
            });
          }
          return marked.length;
        });
        sent += found;
        if (found < SCAN_BATCH) break;
      }
    }
    await this.dataSource.query(`DELETE FROM webhook_event_marks WHERE created_at < $1`, [
      new Date(now.getTime() - MARK_RETENTION_MS),
    ]);
    return sent;
  }

  /**
   * `api_key.rate_limited`, at most once an hour per key (a rolling hour: an alert at 10:59 and
   * another at 11:00 would be two within minutes): call on every 429 of a key. It only notes the
   * key in memory (a 429 stays free of SQL); the worker's next tick writes the alert,
   * deduplicated across instances by the key's mark, which holds when it last alerted.
   */
  apiKeyRateLimited(key: RateLimitedKey): void {
    // Without a worker nothing would ever write them: note none rather than pile them up.
    if (!this.config.webhooks.workerEnabled) return;
    const now = this.clock.now();
    const noted = this.rateLimitedNoted.get(key.id);
    if (noted !== undefined && now.getTime() - noted < HOUR_MS) return;
    this.rateLimitedNoted.set(key.id, now.getTime());
    this.rateLimitedPending.push({ key, at: now });
  }

  /** Writes the rate-limit alerts noted since the last tick. */
  async flushRateLimited(): Promise<void> {
    // Only keys noted within the hour need remembering: the map stays as small as they are.
    const hourAgo = this.clock.now().getTime() - HOUR_MS;
    for (const [keyId, at] of this.rateLimitedNoted) {
      if (at <= hourAgo) this.rateLimitedNoted.delete(keyId);
    }
    const batch = this.rateLimitedPending;
    this.rateLimitedPending = [];
    for (const { key, at } of batch) {
      try {
        await this.dataSource.transaction(async (tx) => {
          const alerted = await this.claimHourlyMark(tx, `rate_limited:${key.id}`, at);
          if (alerted !== null) {
            // Another instance alerted first: the hour runs from its alert, not from this note.
            this.rateLimitedNoted.set(key.id, alerted.getTime());
            return;
          }
          await this.outbox.enqueue(tx, {
            id: randomUUID(),
            type: 'api_key.rate_limited',
            at,
            ownerUserId: key.userId,
            data: {
              api_key: { id: key.id, user_id: key.userId },
              rate_limit_per_minute: key.rateLimitPerMinute,
            },
          });
        });
      } catch (err) {
        this.rateLimitedNoted.delete(key.id);
        this.logger.warn(`Cannot record a rate-limit alert: ${(err as Error).message}`);
      }
    }
  }

  /**
   * `api_key.credits_low`, once per balance set: call when a spend takes a key's credits to 10 %
   * of `lastBalance` (the balance last set). `balanceSet` names that setting of the balance (it
   * changes whenever the balance is set again), so each setting is reported once across every
   * instance. Returns whether the event was queued (false: already sent for this balance).
   */
  async creditsLow(
    manager: EntityManager,
    key: { id: string; userId: string },
    credits: { remaining: number; lastBalance: number; balanceSet: string },
  ): Promise<boolean> {
    const now = this.clock.now();
    const mark = `credits_low:${key.id}:${credits.balanceSet}`;
    if (!(await this.mark(manager, mark, now))) return false;
    await this.outbox.enqueue(manager, {
      id: randomUUID(),
      type: 'api_key.credits_low',
      at: now,
      ownerUserId: key.userId,
      data: {
        api_key: { id: key.id, user_id: key.userId },
        credits: { remaining: credits.remaining, last_balance: credits.lastBalance },
      },
    });
    return true;
  }

  /**
   * Makes the mark at `at`, or moves it there when it is an hour old or more (on any instance),
   * and answers null: the alert is due. Otherwise answers when the alert in force was made.
   */
  private async claimHourlyMark(
    manager: EntityManager,
    mark: string,
    at: Date,
  ): Promise<Date | null> {
    const claimed: unknown[] = await manager.query(
      `INSERT INTO webhook_event_marks (mark, created_at) VALUES ($1, $2)
       ON CONFLICT (mark) DO UPDATE SET created_at = EXCLUDED.created_at
         WHERE webhook_event_marks.created_at <= EXCLUDED.created_at - interval '1 hour'
       RETURNING mark`,
      [mark, at],
    );
    if (claimed.length > 0) return null;
    // The statement above locked the row it left alone: this reads what it kept.
    const [kept] = await manager.query<{ created_at: Date }[]>(
      'SELECT created_at FROM webhook_event_marks WHERE mark = $1',
      [mark],
    );
    return kept.created_at;
  }

  /** True when this call made the mark (the occurrence is new), false when it existed. */
  private async mark(manager: EntityManager, mark: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO webhook_event_marks (mark, created_at) VALUES ($1, $2)
       ON CONFLICT (mark) DO NOTHING RETURNING mark`,
      [mark, at],
    );
    return rows.length > 0;
  }
}
