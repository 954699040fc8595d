import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhookAlerts } from './webhook-alerts';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookEntity } from './webhook.entity';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/**
 * Webhooks: the endpoints, the outbox other modules write events to (WebhookOutbox), the worker
 * that delivers them (WebhookDispatcher), and the derived events (WebhookAlerts).
 */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEntity, WebhookDeliveryEntity])],
  controllers: [WebhooksController],
  providers: [WebhooksService, WebhookOutbox, WebhookDispatcher, WebhookAlerts],
  exports: [WebhookOutbox, WebhookAlerts, WebhookDispatcher],
})
export class WebhooksModule {}
