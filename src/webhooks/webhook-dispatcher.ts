import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { MetricsService } from '../metrics/metrics.service';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { SecretBox } from './secret-box';
import {
  DELIVERY_TIMEOUT_MS,
  sendWebhook,
  signatureHeader,
  type SendResult,
} from './webhook-sender';

const HOUR_MS = 3600_000;
/** Retries stop, and the delivery is `failed`, this long after the event. */
export const RETRY_WINDOW_MS = 24 * HOUR_MS;
/** A webhook whose every attempt failed for this long is disabled. */
export const DISABLE_AFTER_MS = 24 * HOUR_MS;
/** Claimed rows come back after this if their instance died mid-delivery. */
const LEASE_MS = DELIVERY_TIMEOUT_MS + 50_000;
const BATCH = 20;

interface ClaimedDelivery {
  id: string;
  webhook_id: string;
  event_id: string;
  payload: { id: string; type: string; at: string; data: unknown };
  attempts: number;
  url: string;
  secret_encrypted: string;
  created_at: Date;
}

/** The wait before retry `attempt` (1-based): doubling from the base, ±25 % jitter, at most 1 h. */
export function retryDelayMs(baseMs: number, attempt: number): number {
  const doubled = baseMs * 2 ** Math.min(attempt - 1, 30);
  const jittered = doubled * (0.75 + Math.random() * 0.5);
  return Math.round(Math.min(jittered, HOUR_MS));
}

/**
 * The outbox worker, on every instance. Each tick claims due deliveries in one statement
 * (FOR UPDATE SKIP LOCKED, so instances never take the same row) and leases them by moving
 * `next_attempt_at` past the delivery timeout: a claim of an instance that dies comes back by
 * itself. Only the earliest pending delivery of a webhook is ever due, so a webhook receives its
 * events in order, and a later one never overtakes an earlier one being retried.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly box: SecretBox;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly aborter = new AbortController();
  private stopping = false;
  private readonly tickListeners: (() => Promise<void>)[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.keyPepper);
  }

  /** Other periodic webhook work (expiry warnings) runs on the worker's ticks. */
  onTick(listener: () => Promise<void>): void {
    this.tickListeners.push(listener);
  }

  onApplicationBootstrap(): void {
    if (!this.config.webhooks.workerEnabled) return;
    this.timer = setInterval(() => this.poke(), this.config.webhooks.pollIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    this.aborter.abort();
    await this.running;
  }

  /** Starts a tick unless one is running. */
  poke(): void {
    if (this.running || this.stopping) return;
    this.running = this.tick()
      .catch((err: Error) => this.logger.warn(`Webhook delivery tick failed: ${err.message}`))
      .finally(() => (this.running = undefined));
  }

  /** One round: deliver everything due (batch after batch), then the periodic extras. */
  async tick(): Promise<void> {
    for (;;) {
      const claimed = await this.claim();
      await Promise.all(claimed.map((d) => this.deliver(d)));
      if (claimed.length < BATCH || this.stopping) break;
    }
    for (const listener of this.tickListeners) {
      if (this.stopping) return;
      await listener();
    }
  }

  private async claim(): Promise<ClaimedDelivery[]> {
    const now = this.clock.now();
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows]: [ClaimedDelivery[], number] = await this.dataSource.query(
      `WITH due AS (
         SELECT d.id
           FROM webhook_deliveries d
           JOIN webhooks w ON w.id = d.webhook_id AND w.disabled_at IS NULL
          WHERE d.status = 'pending' AND d.next_attempt_at <= $1
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                             WHERE e.webhook_id = d.webhook_id AND e.status = 'pending'
                               AND e.seq < d.seq)
          ORDER BY d.next_attempt_at, d.seq
          LIMIT $2
          FOR UPDATE OF d SKIP LOCKED
       )
       UPDATE webhook_deliveries d SET next_attempt_at = $3
         FROM due, webhooks w
        WHERE d.id = due.id AND w.id = d.webhook_id
       RETURNING d.id, d.webhook_id, d.event_id, d.payload, d.attempts, d.created_at, w.url,
                 w.secret_encrypted`,
      [now, BATCH, new Date(now.getTime() + LEASE_MS)],
    );
    return rows;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    // Rebuilt in the contract's field order (jsonb keeps its own); the signature covers these bytes.
    const { id, type, at, data } = delivery.payload;
    const body = JSON.stringify({ id, type, at, data });
    let result: SendResult;
    try {
      const secret = this.box.open(delivery.secret_encrypted);
      const t = Math.floor(this.clock.now().getTime() / 1000);
      result = await sendWebhook(
        delivery.url,
        body,
        { 'Keyward-Signature': signatureHeader(secret, body, t), 'Keyward-Event-Id': id },
        { allowPrivate: this.config.webhooks.allowPrivateUrls, signal: this.aborter.signal },
      );
    } catch (err) {
      result = { error: `cannot sign: ${(err as Error).message}` };
    }
    if (this.stopping && result.status === undefined) {
      // Cut short by our own shutdown: hand the delivery straight back, not as a failed try.
      await this.dataSource.query(
        `UPDATE webhook_deliveries SET next_attempt_at = $2 WHERE id = $1 AND status = 'pending'`,
        [delivery.id, this.clock.now()],
      );
      return;
    }
    await this.record(delivery, result);
  }

  private async record(delivery: ClaimedDelivery, result: SendResult): Promise<void> {
    const now = this.clock.now();
    const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
    const attempts = delivery.attempts + 1;
    await this.dataSource.transaction(async (tx) => {
      if (ok) {
        await tx.query(
          `UPDATE webhook_deliveries
              SET status = 'succeeded', attempts = $2, response_status = $3, response_body = $4,
                  error = NULL, last_attempt_at = $5, next_attempt_at = $5
            WHERE id = $1`,
          [delivery.id, attempts, result.status, result.body ?? null, now],
        );
        await tx.query(
          `UPDATE webhooks SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`,
          [delivery.webhook_id],
        );
        return;
      }
      const next = new Date(
        now.getTime() + retryDelayMs(this.config.webhooks.retryBaseMs, attempts),
      );
      await tx.query(
        `UPDATE webhook_deliveries
            SET attempts = $2, response_status = $3, response_body = $4, error = $5,
                last_attempt_at = $6, next_attempt_at = $7,
                status = CASE WHEN created_at <= $8 THEN 'failed' ELSE 'pending' END
          WHERE id = $1`,
        [
          delivery.id,
          attempts,
          result.status ?? null,
          result.body ?? null,
          result.error?.slice(0, 500) ?? (result.status ? `answered ${result.status}` : null),
          now,
          next,
          new Date(now.getTime() - RETRY_WINDOW_MS),
        ],
      );
      await tx.query(
        `UPDATE webhooks
            SET failing_since = COALESCE(failing_since, $2),
                disabled_at = CASE WHEN failing_since <= $3 THEN $2 ELSE disabled_at END
          WHERE id = $1`,
        [delivery.webhook_id, now, new Date(now.getTime() - DISABLE_AFTER_MS)],
      );
    });
    const gaveUp = new Date(delivery.created_at).getTime() <= now.getTime() - RETRY_WINDOW_MS;
    this.metrics.webhookDelivery(ok ? 'succeeded' : gaveUp ? 'failed' : 'retried');
  }
}
