import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Minute buckets are kept this long, then folded into hours. */
export const MINUTE_BUCKETS_KEPT_MS = 48 * HOUR_MS;
/** Hour buckets are kept this long, then folded into days. */
export const HOUR_BUCKETS_KEPT_MS = 7 * DAY_MS;
const RUN_EVERY_MS = HOUR_MS;

/** Any fixed number of ours: only one instance folds and prunes at a time. */
const ADVISORY_LOCK = 0x6b77_7573; // "kwus"

export interface RetentionResult {
  /** False when another instance held the lock and this run did nothing. */
  ran: boolean;
  minutesFolded: number;
  hoursFolded: number;
  deleted: number;
}

/**
 * Keeps `key_usage` small: minute rows older than 48 h are folded into their hour, hour rows
 * older than 7 days into their day, and everything older than USAGE_RETENTION_DAYS deleted.
 * Folding moves counts (delete and re-add in one statement), so totals over any range stay
 * exact; only the resolution of old traffic drops. One instance at a time (an advisory lock
 * taken for the transaction); the others skip their turn.
 */
@Injectable()
export class UsageRetentionJob implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(UsageRetentionJob.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // A first pass a minute or two after start (jittered, so instances started together do not
    // queue on the lock), then hourly: an instance restarted more often than hourly still runs it.
    this.schedule(60_000 + Math.floor(Math.random() * 60_000));
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.run()
        .catch((err: unknown) =>
          this.logger.warn(`usage retention failed: ${(err as Error).message}`),
        )
        .finally(() => {
          this.running = undefined;
          if (this.timer !== undefined) this.schedule(RUN_EVERY_MS);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** One pass, as of `now` (tests pass their own clock). */
  run(now: Date = new Date()): Promise<RetentionResult> {
    const t = now.getTime();
    // Whole hours and days only, so an hour is folded at once, never a part of it.
    const minuteCutoff = new Date(Math.floor((t - MINUTE_BUCKETS_KEPT_MS) / HOUR_MS) * HOUR_MS);
    const hourCutoff = new Date(Math.floor((t - HOUR_BUCKETS_KEPT_MS) / DAY_MS) * DAY_MS);
    const deleteBefore = new Date(t - this.config.usageRetentionDays * DAY_MS);
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [ADVISORY_LOCK],
      );
      if (!locked) return { ran: false, minutesFolded: 0, hoursFolded: 0, deleted: 0 };
      const minutesFolded = await fold(manager.query.bind(manager), 'hour', minuteCutoff);
      const hoursFolded = await fold(manager.query.bind(manager), 'day', hourCutoff);
      const [, deleted] = await manager.query<[unknown, number]>(
        'DELETE FROM key_usage WHERE bucket_start < $1',
        [deleteBefore.toISOString()],
      );
      return { ran: true, minutesFolded, hoursFolded, deleted };
    });
  }
}

type Query = <T>(sql: string, params: unknown[]) => Promise<T>;

/** Moves the rows before `cutoff` that do not start a `unit` into the row that does. */
async function fold(query: Query, unit: 'hour' | 'day', cutoff: Date): Promise<number> {
  const rows = await query<{ moved: string }[]>(
    `WITH moved AS (
       DELETE FROM key_usage
        WHERE bucket_start < $1 AND bucket_start <> date_trunc('${unit}', bucket_start, 'UTC')
       RETURNING key_id, bucket_start, outcome, count
     ), added AS (
       INSERT INTO key_usage (key_id, bucket_start, outcome, count)
       SELECT key_id, date_trunc('${unit}', bucket_start, 'UTC'), outcome, sum(count)
         FROM moved GROUP BY 1, 2, 3
       ON CONFLICT (key_id, bucket_start, outcome)
       DO UPDATE SET count = key_usage.count + EXCLUDED.count
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM moved) AS moved`,
    [cutoff.toISOString()],
  );
  return Number(rows[0].moved);
}
