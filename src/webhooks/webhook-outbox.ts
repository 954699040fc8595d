import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import type { OutboxEvent } from './webhook-events';

/** The body a receiver gets (and the signature covers): `{ id, type, at, data }`. */
export const payloadOf = (event: OutboxEvent): Record<string, unknown> => ({
  id: event.id,
  type: event.type,
  at: event.at.toISOString(),
  data: event.data,
});

/**
 * The transactional outbox: an event is written for delivery in the transaction of the change
 * it reports, so no change goes unannounced and no announcement outlives a rolled-back change.
 * Workers (WebhookDispatcher) deliver from the table afterwards.
 */
@Injectable()
export class WebhookOutbox {
  constructor(private readonly clock: Clock) {}

  /**
   * One delivery per live webhook that wants this event: its owner's webhooks, and every admin
   * webhook created with `all: true`. One statement, whatever the number of webhooks.
   */
  async enqueue(manager: EntityManager, event: OutboxEvent): Promise<void> {
    await manager.query(
      `INSERT INTO webhook_deliveries
              (webhook_id, event_id, event_type, payload, created_at, next_attempt_at)
       SELECT w.id, $1::uuid, $2::text, $3::jsonb, $4::timestamptz, $4::timestamptz
         FROM webhooks w
        WHERE w.disabled_at IS NULL
          AND (w.user_id = $5::uuid OR w.all_events_of_all_users)
          AND w.events && ARRAY[$2::text, '*']
       ON CONFLICT (webhook_id, event_id) DO NOTHING`,
      [event.id, event.type, JSON.stringify(payloadOf(event)), this.clock.now(), event.ownerUserId],
    );
  }

  /** One event for one webhook, whatever it subscribes to (the test event). */
  async enqueueTo(manager: EntityManager, webhookId: string, event: OutboxEvent): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO webhook_deliveries
              (webhook_id, event_id, event_type, payload, created_at, next_attempt_at)
       VALUES ($1, $2, $3, $4::jsonb, $5::timestamptz, $5::timestamptz)
       RETURNING id`,
      [webhookId, event.id, event.type, JSON.stringify(payloadOf(event)), this.clock.now()],
    );
    return rows[0].id;
  }
}
