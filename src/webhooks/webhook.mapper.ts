import { InvalidCursorError } from '../common/errors';
import { SignedCursor } from '../common/signed-cursor';
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
  private readonly cursor: SignedCursor;

  constructor(secret: string) {
    this.cursor = new SignedCursor(secret, 'keyward delivery cursor v1');
  }

  encode(seq: string): string {
    return this.cursor.seal(seq);
  }

  decode(cursor: string): string {
    const seq = this.cursor.open(cursor);
    if (!/^\d{1,19}$/.test(seq)) throw new InvalidCursorError();
    return seq;
  }
}
