import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/** The advisory lock of the prune: "kwaudit" in ASCII read as a bigint. */
const PRUNE_LOCK_KEY = '30236591013849460';

const DAY_MS = 86_400_000;

/**
 * Deletes audit events older than AUDIT_RETENTION_DAYS, on an interval. One instance at a time
 * prunes (a transaction-scoped advisory lock; the others skip that round). The cut is made at a
 * seq, never between events of equal time, and the chain head's anchor moves to the oldest kept
 * event in the same transaction, so verification starts there and still notices any other
 * deletion.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditRetention.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.runOnce(), this.config.audit.pruneIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async runOnce(): Promise<void> {
    try {
      const cutoff = new Date(Date.now() - this.config.audit.retentionDays * DAY_MS);
      const pruned = await this.pruneBefore(cutoff);
      if (pruned > 0)
        this.logger.log(`Pruned ${pruned} audit events older than ${cutoff.toISOString()}`);
    } catch (err) {
      // The next round tries again; nothing is half-done (one transaction).
      this.logger.warn(`Audit prune failed: ${(err as Error).message}`);
    }
  }

  /**
   * Deletes every event before the first one at or after `cutoff` (all of them when none is), and
   * anchors the chain at the oldest kept one. Returns how many were deleted; 0 when another
   * instance is pruning.
   */
  async pruneBefore(cutoff: Date): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const [{ locked }] = await tx.query<{ locked: boolean }[]>(
        'SELECT pg_try_advisory_xact_lock($1::bigint) AS locked',
        [PRUNE_LOCK_KEY],
      );
      if (!locked) return 0;
      const [keep] = await tx.query<{ seq: string; prev_hash: string }[]>(
        'SELECT seq, prev_hash FROM audit_events WHERE at >= $1 ORDER BY seq LIMIT 1',
        [cutoff],
      );
      // None kept: the anchor is the head itself, locked so no event is written meanwhile.
      const anchor = keep
        ? { seq: keep.seq, prevHash: keep.prev_hash }
        : (
            await tx.query<{ seq: string; prevHash: string }[]>(
              `SELECT last_seq + 1 AS seq, last_hash AS "prevHash"
               FROM audit_chain_head WHERE id = 1 FOR UPDATE`,
            )
          )[0];
      const [, deleted] = await tx.query<[unknown, number]>(
        'DELETE FROM audit_events WHERE seq < $1',
        [anchor.seq],
      );
      if (deleted === 0) return 0;
      await tx.query(
        'UPDATE audit_chain_head SET anchor_seq = $1, anchor_prev_hash = $2 WHERE id = 1',
        [anchor.seq, anchor.prevHash],
      );
      return deleted;
    });
  }
}
