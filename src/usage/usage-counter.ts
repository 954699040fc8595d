import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { OUTCOME_CODE, USAGE_OUTCOMES, type UsageOutcome } from './usage-outcome';

const MINUTE_MS = 60_000;

/** Key id → counts by outcome code, for one minute. */
type MinuteCounts = Map<string, Uint32Array>;

/**
 * Counts keyed requests and verifies per key, per UTC minute, by outcome, in memory, and writes
 * them in one statement per LAST_USED_FLUSH_MS (and at shutdown), as LastUsedTracker does for
 * `last_used_at`: a request costs a map lookup and an increment, never a write. Instances add
 * to the same rows (`count = count + EXCLUDED.count`), so their counts sum.
 */
@Injectable()
export class UsageCounter implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageCounter.name);
  /** Minute number (epoch ms / 60000) → that minute's counts. */
  private pending = new Map<number, MinuteCounts>();
  /** The newest minute and its map, so the request path needs no lookup by minute. */
  private minute = -1;
  private current: MinuteCounts = new Map();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.config.lastUsedFlushMs);
    this.timer.unref();
  }

  /** Main.ts closes the HTTP server first, so nothing is counted after this flush. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** One keyed request or verify of `keyId` ended with `outcome`. */
  count(keyId: string, outcome: UsageOutcome): void {
    this.metrics.verification(outcome);
    const minute = Math.floor(Date.now() / MINUTE_MS);
    // A clock that steps back keeps counting into the newest minute: never a second entry
    // for a (key, minute) the map already holds, which one INSERT could not take twice.
    if (minute > this.minute) {
      this.minute = minute;
      this.current = new Map();
      this.pending.set(minute, this.current);
    }
    let counts = this.current.get(keyId);
    if (counts === undefined) {
      counts = new Uint32Array(USAGE_OUTCOMES.length);
      this.current.set(keyId, counts);
    }
    counts[OUTCOME_CODE[outcome]]++;
  }

  /** Writes every count held so far; a flush already running is waited for, then this one runs. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    this.flushing = this.write().finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    this.minute = -1;
    const keyIds: string[] = [];
    const starts: string[] = [];
    const outcomes: number[] = [];
    const counts: number[] = [];
    for (const [minute, byKey] of batch) {
      const start = new Date(minute * MINUTE_MS).toISOString();
      for (const [keyId, byOutcome] of byKey) {
        byOutcome.forEach((n, outcome) => {
          if (n === 0) return;
          keyIds.push(keyId);
          starts.push(start);
          outcomes.push(outcome);
          counts.push(n);
        });
      }
    }
    try {
      // A key deleted since its use has no row to count against: its counts are dropped.
      await this.dataSource.query(
        `INSERT INTO key_usage (key_id, bucket_start, outcome, count)
         SELECT u.key_id, u.bucket_start, u.outcome, u.count
           FROM unnest($1::uuid[], $2::timestamptz[], $3::smallint[], $4::bigint[])
                  AS u(key_id, bucket_start, outcome, count)
           JOIN api_keys k ON k.id = u.key_id
         ON CONFLICT (key_id, bucket_start, outcome)
         DO UPDATE SET count = key_usage.count + EXCLUDED.count`,
        [keyIds, starts, outcomes, counts],
      );
    } catch (err) {
      this.putBack(batch);
      this.logger.warn(`usage flush failed, kept for the next one: ${(err as Error).message}`);
    }
  }

  /** A failed batch goes back, added to whatever was counted meanwhile. */
  private putBack(batch: Map<number, MinuteCounts>): void {
    for (const [minute, byKey] of batch) {
      let into = this.pending.get(minute);
      if (into === undefined) {
        into = new Map();
        this.pending.set(minute, into);
        if (minute > this.minute) {
          this.minute = minute;
          this.current = into;
        }
      }
      for (const [keyId, byOutcome] of byKey) {
        const held = into.get(keyId);
        if (held === undefined) into.set(keyId, byOutcome);
        else byOutcome.forEach((n, i) => (held[i] += n));
      }
    }
  }
}
