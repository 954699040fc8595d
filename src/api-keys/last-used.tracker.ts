import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Collects key uses in memory and writes `last_used_at` for all of them in one statement per
 * interval, instead of an UPDATE per request: a keyed request stays write-free, at the cost of
 * `last_used_at` lagging real use by up to one interval.
 */
@Injectable()
export class LastUsedTracker implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(LastUsedTracker.name);
  /** Key id → time of its latest use, in epoch milliseconds (no Date per request). */
  private pending = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), this.config.lastUsedFlushMs);
    this.timer.unref();
  }

  /**
   * Before shutdown hooks run, the database is still open (TypeORM closes it in its
   * onApplicationShutdown); main.ts closes the HTTP server first, so no request records a use
   * after this flush.
   */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  record(apiKeyId: string, at: number = Date.now()): void {
    this.pending.set(apiKeyId, at);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const ids = [...batch.keys()];
    const times = ids.map((id) => new Date(batch.get(id) as number).toISOString());
    try {
      // GREATEST keeps the newest time when two instances flush the same key.
      await this.dataSource.query(
        `UPDATE api_keys AS k SET last_used_at = GREATEST(k.last_used_at, u.at)
           FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, at)
          WHERE k.id = u.id`,
        [ids, times],
      );
    } catch (err) {
      // Put the uses back (without overwriting newer ones) and try again next interval.
      for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
      this.logger.warn(`last_used_at flush failed: ${(err as Error).message}`);
    }
  }
}
