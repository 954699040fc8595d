import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { CodePointLength } from '../../api-keys/dto/validators';
import { CursorField } from '../../common/validation';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../webhook-delivery.entity';
import { WEBHOOK_EVENT_FILTERS } from '../webhook-events';

export const MAX_WEBHOOK_URL_LENGTH = 2048;
export const DEFAULT_DELIVERY_LIST_LIMIT = 50;
export const MAX_DELIVERY_LIST_LIMIT = 100;

const EVENTS_DESCRIPTION =
  'Event types to receive (no duplicates), or `*` for all: ' + WEBHOOK_EVENT_FILTERS.join(', ');

const WEBHOOK_ID = '7c1e0b7a-4f0d-4f57-9d36-0c2f3c9b8e21';

@ApiSchema({ name: 'Webhook' })
export class WebhookDto {
  @ApiProperty({ format: 'uuid', example: WEBHOOK_ID })
  id!: string;

  @ApiProperty({ example: 'https://hooks.example.com/keyward' })
  url!: string;

  @ApiProperty({
    enum: WEBHOOK_EVENT_FILTERS,
    enumName: 'WebhookEventFilter',
    isArray: true,
    description: EVENTS_DESCRIPTION,
    example: ['api_key.created', 'api_key.revoked'],
  })
  events!: string[];

  @ApiPropertyOptional({ example: 'Key lifecycle to our inventory service' })
  description?: string;

  @ApiPropertyOptional({
    description: "Present (true) on an admin's webhook that receives every user's events",
    example: true,
  })
  all?: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-11-27T15:40:00.000Z' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-27T15:40:00.000Z' })
  updated_at!: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Set when every delivery failed for 24 hours; no events are sent or queued until a ' +
      'PATCH with `enabled: true`',
  })
  disabled_at?: string;
}

export const WEBHOOK_EXAMPLE: WebhookDto = {
  id: WEBHOOK_ID,
  url: 'https://hooks.example.com/keyward',
  events: ['api_key.created', 'api_key.revoked', 'api_key.expiring'],
  description: 'Key lifecycle to our inventory service',
  created_at: '2026-11-27T15:40:00.000Z',
  updated_at: '2026-11-27T15:40:00.000Z',
};

@ApiSchema({ name: 'CreateWebhookRequest' })
export class CreateWebhookDto {
  @ApiProperty({
    minLength: 1,
    maxLength: MAX_WEBHOOK_URL_LENGTH,
    description:
      '`https:` or `http:`. Loopback, private, link-local and metadata addresses (and names ' +
      'resolving to them) are refused with `webhook_url_not_allowed`',
    example: 'https://hooks.example.com/keyward',
  })
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  @MinLength(1)
  @IsString()
  url!: string;

  @ApiProperty({
    enum: WEBHOOK_EVENT_FILTERS,
    enumName: 'WebhookEventFilter',
    isArray: true,
    minItems: 1,
    maxItems: 50,
    uniqueItems: true,
    description: EVENTS_DESCRIPTION,
    example: ['api_key.created', 'api_key.revoked', 'api_key.expiring'],
  })
  @IsIn(WEBHOOK_EVENT_FILTERS, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(50)
  @ArrayMinSize(1)
  @IsArray()
  events!: string[];

  @ApiPropertyOptional({ maxLength: 500, example: 'Key lifecycle to our inventory service' })
  @IsOptional()
  @CodePointLength(0, 500)
  @IsString()
  description?: string;

  @ApiPropertyOptional({
    description: "Admin only: receive every user's events, not only the admin's own",
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

/** Omitted fields stay; `null` clears `description`; `enabled: true` lifts `disabled_at`. */
@ApiSchema({ name: 'UpdateWebhookRequest' })
export class UpdateWebhookDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: MAX_WEBHOOK_URL_LENGTH,
    example: 'https://hooks.example.com/v2',
  })
  @ValidateIf((o: UpdateWebhookDto) => o.url !== undefined)
  @MaxLength(MAX_WEBHOOK_URL_LENGTH)
  @MinLength(1)
  @IsString()
  url?: string;

  @ApiPropertyOptional({
    enum: WEBHOOK_EVENT_FILTERS,
    enumName: 'WebhookEventFilter',
    isArray: true,
    minItems: 1,
    maxItems: 50,
    uniqueItems: true,
    description: EVENTS_DESCRIPTION,
    example: ['*'],
  })
  @ValidateIf((o: UpdateWebhookDto) => o.events !== undefined)
  @IsIn(WEBHOOK_EVENT_FILTERS, { each: true })
  @ArrayUnique()
  @ArrayMaxSize(50)
  @ArrayMinSize(1)
  @IsArray()
  events?: string[];

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 500 })
  @IsOptional()
  @CodePointLength(0, 500)
  @IsString()
  description?: string | null;

  @ApiPropertyOptional({
    description: '`true` re-enables a webhook disabled after failing; `false` disables it',
    example: true,
  })
  @ValidateIf((o: UpdateWebhookDto) => o.enabled !== undefined)
  @IsBoolean()
  enabled?: boolean;
}

@ApiSchema({ name: 'CreateWebhookResponse' })
export class CreateWebhookResponseDto {
  @ApiProperty({ type: WebhookDto })
  webhook!: WebhookDto;

  @ApiProperty({
    description:
      'The signing secret for `Keyward-Signature`, shown only here: store it now. Never ' +
      'returned again',
    example: 'whsec_Jq3Qy0m7ZQ2r8m0Yb0y3Zb6s1kPp8m4rGv0Xn2tJ5aQ',
  })
  secret!: string;
}

export const CREATED_WEBHOOK_EXAMPLE: CreateWebhookResponseDto = {
  webhook: WEBHOOK_EXAMPLE,
  secret: 'whsec_Jq3Qy0m7ZQ2r8m0Yb0y3Zb6s1kPp8m4rGv0Xn2tJ5aQ',
};

@ApiSchema({ name: 'ListWebhooksResponse' })
export class ListWebhooksResponseDto {
  @ApiProperty({ type: [WebhookDto] })
  webhooks!: WebhookDto[];

  @ApiProperty({ type: 'integer', example: 1 })
  total!: number;
}

@ApiSchema({ name: 'DeleteWebhookResponse' })
export class DeleteWebhookResponseDto {
  @ApiProperty({ example: 'Webhook deleted' })
  message!: string;
}

@ApiSchema({ name: 'WebhookDelivery' })
export class WebhookDeliveryDto {
  @ApiProperty({ format: 'uuid', example: '3d5c8a7e-0b1f-4a7c-9e2d-6f8b1a2c3d4e' })
  id!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The event id, sent as `Keyward-Event-Id`: the same on every retry',
    example: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
  })
  event_id!: string;

  @ApiProperty({ example: 'api_key.created' })
  event_type!: string;

  @ApiProperty({ enum: DELIVERY_STATUSES, enumName: 'WebhookDeliveryStatus', example: 'succeeded' })
  status!: DeliveryStatus;

  @ApiProperty({ type: 'integer', example: 1 })
  attempts!: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: "The receiver's last HTTP status",
    example: 200,
  })
  response_status?: number;

  @ApiPropertyOptional({ description: "The receiver's last answer, cut to 1 KB", example: 'ok' })
  response_body?: string;

  @ApiPropertyOptional({
    description: 'Why the last attempt got no answer: timeout, connection error, refused address',
    example: 'timed out after 10 s',
  })
  error?: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-27T15:40:00.000Z' })
  created_at!: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-27T15:40:00.120Z' })
  last_attempt_at?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'While pending: when the next attempt is due',
  })
  next_attempt_at?: string;
}

const DELIVERY_EXAMPLE: WebhookDeliveryDto = {
  id: '3d5c8a7e-0b1f-4a7c-9e2d-6f8b1a2c3d4e',
  event_id: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
  event_type: 'api_key.created',
  status: 'succeeded',
  attempts: 1,
  response_status: 200,
  response_body: 'ok',
  created_at: '2026-11-27T15:40:00.000Z',
  last_attempt_at: '2026-11-27T15:40:00.120Z',
};

export class ListWebhookDeliveriesQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_DELIVERY_LIST_LIMIT,
    default: DEFAULT_DELIVERY_LIST_LIMIT,
    example: 20,
  })
  @IsOptional()
  @Type(() => Number)
  @Max(MAX_DELIVERY_LIST_LIMIT)
  @Min(1)
  @IsInt()
  limit?: number;

  @CursorField('MTIz.q1w2e3r4t5y6u7i8q1w2e3')
  cursor?: string;
}

@ApiSchema({ name: 'ListWebhookDeliveriesResponse' })
export class ListWebhookDeliveriesResponseDto {
  @ApiProperty({ type: [WebhookDeliveryDto] })
  deliveries!: WebhookDeliveryDto[];

  @ApiPropertyOptional({ description: 'Absent on the last page' })
  next_cursor?: string;
}

export const DELIVERIES_EXAMPLE: ListWebhookDeliveriesResponseDto = {
  deliveries: [DELIVERY_EXAMPLE],
};

@ApiSchema({ name: 'TestWebhookResponse' })
export class TestWebhookResponseDto {
  @ApiProperty({ type: WebhookDeliveryDto })
  delivery!: WebhookDeliveryDto;
}

export const TEST_DELIVERY_EXAMPLE: TestWebhookResponseDto = {
  delivery: {
    id: DELIVERY_EXAMPLE.id,
    event_id: DELIVERY_EXAMPLE.event_id,
    event_type: 'webhook.test',
    status: 'pending',
    attempts: 0,
    created_at: DELIVERY_EXAMPLE.created_at,
    next_attempt_at: DELIVERY_EXAMPLE.created_at,
  },
};
