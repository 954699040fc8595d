import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuditEventRecord } from '../audit/audit.types';
import { Clock } from '../common/clock';
import type { OutboxEvent } from './webhook-events';

/** The body a receiver gets (and the signature covers): `{ id, type, at, data }`. */
export const payloadOf = (event: OutboxEvent): Record<string, unknown> => ({
  id: event.id,
  type: event.type,
  at: event.at.toISOString(),
  data: event.data,
});

/** An audit event as a webhook event: the same id, action and time; who, what and how. */
export const outboxEventOf = (event: AuditEventRecord): OutboxEvent => ({
  id: event.id,
  type: event.action,
  at: new Date(event.at),
  ownerUserId: event.owner_user_id ?? null,
  data: {
    actor: event.actor,
    ...(event.target ? { target: event.target } : {}),
    ...(event.changes ? { changes: event.changes } : {}),
  },
});

/**
 * The transactional outbox: an event is written for delivery in the transaction of the change
 * it reports, so no change goes unannounced and no announcement outlives a rolled-back change.
 * Every audit action is also a webhook event: the outbox hears of each one inside the audit
 * log's own write. Workers (WebhookDispatcher) deliver from the table afterwards.
 */
@Injectable()
export class WebhookOutbox implements OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.audit.subscribe({
      onAuditEvent: (manager, event) => this.enqueue(manager, outboxEventOf(event)),
    });
  }

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
