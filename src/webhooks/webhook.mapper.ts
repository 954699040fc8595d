import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from '../common/errors';
import type { WebhookDeliveryDto, WebhookDto } from './dto/webhook.dto';
import type { WebhookDeliveryEntity } from './webhook-delivery.entity';
import type { WebhookEntity } from './webhook.entity';

/** What of a webhook leaves the process: never its secret. */
export function toWebhookDto(webhook: WebhookEntity): WebhookDto {
  const dto: WebhookDto = {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events,
    created_at: webhook.createdAt.toISOString(),
    updated_at: webhook.updatedAt.toISOString(),
  };
  if (webhook.description !== null) dto.description = webhook.description;
  if (webhook.allEventsOfAllUsers) dto.all = true;
  if (webhook.disabledAt) dto.disabled_at = webhook.disabledAt.toISOString();
  return dto;
}

/** A delivery record: what was sent and how it went, never the payload or the signature. */
export function toDeliveryDto(delivery: WebhookDeliveryEntity): WebhookDeliveryDto {
  const dto: WebhookDeliveryDto = {
    id: delivery.id,
    event_id: delivery.eventId,
    event_type: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    created_at: delivery.createdAt.toISOString(),
  };
  if (delivery.responseStatus !== null) dto.response_status = delivery.responseStatus;
  if (delivery.responseBody !== null) dto.response_body = delivery.responseBody;
  if (delivery.error !== null) dto.error = delivery.error;
  if (delivery.lastAttemptAt) dto.last_attempt_at = delivery.lastAttemptAt.toISOString();
  if (delivery.status === 'pending') dto.next_attempt_at = delivery.nextAttemptAt.toISOString();
  return dto;
}

/** Delivery-list cursors: the last row's `seq`, MAC'd so only ones we gave out are accepted. */
export class DeliveryCursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('keyward delivery cursor v1').digest();
  }

  encode(seq: string): string {
    const body = Buffer.from(seq).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  decode(cursor: string): string {
    const [body, mac, ...rest] = cursor.split('.');
    if (!body || !mac || rest.length > 0) throw new InvalidCursorError();
    const given = Buffer.from(mac);
    const expected = Buffer.from(this.mac(body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new InvalidCursorError();
    }
    const seq = Buffer.from(body, 'base64url').toString('utf8');
    if (!/^\d{1,19}$/.test(seq)) throw new InvalidCursorError();
    return seq;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key)
      .update(body)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }
}
