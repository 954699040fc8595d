import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, FindOptionsWhere, Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { actorOf, AuditService, changedFields } from '../audit/audit.service';
import type { RequestContext } from '../audit/audit.types';
import { Clock } from '../common/clock';
import { ErrorCode } from '../common/error-codes';
import { ForbiddenError, NotFoundError, WebhookUrlNotAllowedError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import {
  CreateWebhookDto,
  CreateWebhookResponseDto,
  DEFAULT_DELIVERY_LIST_LIMIT,
  DeleteWebhookResponseDto,
  ListWebhookDeliveriesQueryDto,
  ListWebhookDeliveriesResponseDto,
  ListWebhooksResponseDto,
  TestWebhookResponseDto,
  UpdateWebhookDto,
  WebhookDto,
} from './dto/webhook.dto';
import { generateWebhookSecret, SecretBox } from './secret-box';
import { assertPublicHost, parseWebhookUrl, UrlNotAllowed } from './url-guard';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';
import { TEST_EVENT_TYPE } from './webhook-events';
import { DeliveryCursorCodec, toDeliveryDto, toWebhookDto } from './webhook.mapper';
import { WebhookOutbox } from './webhook-outbox';
import { WebhookEntity } from './webhook.entity';

@Injectable()
export class WebhooksService {
  private readonly box: SecretBox;
  private readonly cursors: DeliveryCursorCodec;

  constructor(
    @InjectRepository(WebhookEntity) private readonly webhooks: Repository<WebhookEntity>,
    @InjectRepository(WebhookDeliveryEntity)
    private readonly deliveries: Repository<WebhookDeliveryEntity>,
    private readonly dataSource: DataSource,
    private readonly outbox: WebhookOutbox,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.box = new SecretBox(config.keyPepper);
    this.cursors = new DeliveryCursorCodec(config.keyPepper);
  }

  async create(
    caller: Principal,
    dto: CreateWebhookDto,
    context: RequestContext,
  ): Promise<CreateWebhookResponseDto> {
    if (dto.all && caller.role !== 'admin') {
      throw new ForbiddenError(
        ErrorCode.Forbidden,
        "Only an admin may receive every user's events",
      );
    }
    const url = await this.checkedUrl(dto.url);
    const secret = generateWebhookSecret();
    const saved = await this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(WebhookEntity);
      const webhook = await repo.save(
        repo.create({
          userId: caller.userId,
          url,
          events: dto.events,
          description: dto.description ?? null,
          allEventsOfAllUsers: dto.all ?? false,
          secretEncrypted: this.box.seal(secret),
          failingSince: null,
          disabledAt: null,
        }),
      );
      await this.recordWebhookEvent(
        tx,
        'webhook.created',
        caller,
        webhook,
        context,
        changedFields({}, settingsSet(webhook)),
      );
      return webhook;
    });
    return { webhook: toWebhookDto(saved), secret };
  }

  async list(caller: Principal): Promise<ListWebhooksResponseDto> {
    const webhooks = await this.webhooks.find({
      where: { userId: caller.userId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return { webhooks: webhooks.map(toWebhookDto), total: webhooks.length };
  }

  async get(caller: Principal, id: string): Promise<WebhookDto> {
    return toWebhookDto(await this.findVisible(caller, id));
  }

  async update(
    caller: Principal,
    id: string,
    dto: UpdateWebhookDto,
    context: RequestContext,
  ): Promise<WebhookDto> {
    const webhook = await this.findVisible(caller, id);
    const before = auditedFields(webhook);
    if (dto.url !== undefined) webhook.url = await this.checkedUrl(dto.url);
    if (dto.events !== undefined) webhook.events = dto.events;
    if (dto.description !== undefined) webhook.description = dto.description;
    if (dto.enabled === true) {
      webhook.disabledAt = null;
      webhook.failingSince = null;
    } else if (dto.enabled === false && !webhook.disabledAt) {
      webhook.disabledAt = this.clock.now();
    }
    const saved = await this.dataSource.transaction(async (tx) => {
      const updated = await tx.getRepository(WebhookEntity).save(webhook);
      const diff = changedFields(before, auditedFields(updated));
      if (Object.keys(diff).length > 0) {
        await this.recordWebhookEvent(tx, 'webhook.updated', caller, updated, context, diff);
      }
      return updated;
    });
    return toWebhookDto(saved);
  }

  async delete(
    caller: Principal,
    id: string,
    context: RequestContext,
  ): Promise<DeleteWebhookResponseDto> {
    const webhook = await this.findVisible(caller, id);
    await this.dataSource.transaction(async (tx) => {
      const result = await tx.getRepository(WebhookEntity).delete({ id: webhook.id });
      if (result.affected === 1) {
        await this.recordWebhookEvent(tx, 'webhook.deleted', caller, webhook, context);
      }
    });
    return { message: 'Webhook deleted' };
  }

  /** Queues a `webhook.test` event for this webhook alone, behind any it has pending. */
  async test(caller: Principal, id: string): Promise<TestWebhookResponseDto> {
    const webhook = await this.findVisible(caller, id);
    const deliveryId = await this.outbox.enqueueTo(this.dataSource.manager, webhook.id, {
      id: randomUUID(),
      type: TEST_EVENT_TYPE,
      at: this.clock.now(),
      ownerUserId: webhook.userId,
      data: { webhook_id: webhook.id },
    });
    const delivery = await this.deliveries.findOneByOrFail({ id: deliveryId });
    return { delivery: toDeliveryDto(delivery) };
  }

  /** Newest first, `limit` at a time; `next_cursor` while more follow. */
  async listDeliveries(
    caller: Principal,
    id: string,
    query: ListWebhookDeliveriesQueryDto,
  ): Promise<ListWebhookDeliveriesResponseDto> {
    const before = query.cursor === undefined ? undefined : this.cursors.decode(query.cursor);
    const webhook = await this.findVisible(caller, id);
    const limit = query.limit ?? DEFAULT_DELIVERY_LIST_LIMIT;
    const qb = this.deliveries
      .createQueryBuilder('d')
      .where('d.webhook_id = :id', { id: webhook.id })
      .orderBy('d.seq', 'DESC')
      .limit(limit + 1);
    if (before !== undefined) qb.andWhere('d.seq < :before', { before });
    const rows = await qb.getMany();
    const page: ListWebhookDeliveriesResponseDto = {
      deliveries: rows.slice(0, limit).map(toDeliveryDto),
    };
    if (rows.length > limit) page.next_cursor = this.cursors.encode(rows[limit - 1].seq);
    return page;
  }

  /** The URL as given, once it passes the scheme and (unless allowed) the address rules. */
  private async checkedUrl(raw: string): Promise<string> {
    try {
      const url = parseWebhookUrl(raw);
      if (!this.config.webhooks.allowPrivateUrls) await assertPublicHost(url);
    } catch (err) {
      if (err instanceof UrlNotAllowed) throw new WebhookUrlNotAllowedError(err.message);
      throw err;
    }
    return raw;
  }

  /** Someone else's webhook is "not found", never "forbidden"; an admin sees every one. */
  private async findVisible(caller: Principal, id: string): Promise<WebhookEntity> {
    const where: FindOptionsWhere<WebhookEntity> =
      caller.role === 'admin' ? { id } : { id, userId: caller.userId };
    const webhook = await this.webhooks.findOneBy(where);
    if (!webhook) throw new NotFoundError('Webhook');
    return webhook;
  }

  private recordWebhookEvent(
    tx: EntityManager,
    action: 'webhook.created' | 'webhook.updated' | 'webhook.deleted',
    caller: Principal,
    webhook: WebhookEntity,
    context: RequestContext,
    changes?: ReturnType<typeof changedFields>,
  ): Promise<unknown> {
    return this.audit.record(tx, {
      action,
      actor: actorOf(caller),
      target: { type: 'webhook', id: webhook.id },
      ownerUserId: webhook.userId,
      changes,
      context,
    });
  }
}

/** The settings a new webhook was given (those left empty are not news), as for keys. */
function settingsSet(webhook: WebhookEntity): Record<string, unknown> {
  return Object.fromEntries(Object.entries(auditedFields(webhook)).filter(([, v]) => v !== null));
}

/** A webhook's settings as the audit log names them; never its secret. */
function auditedFields(webhook: WebhookEntity): Record<string, unknown> {
  return {
    url: webhook.url,
    events: webhook.events,
    description: webhook.description,
    all: webhook.allEventsOfAllUsers,
    disabled_at: webhook.disabledAt,
  };
}
