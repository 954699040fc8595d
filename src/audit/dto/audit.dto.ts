import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  registerDecorator,
  type ValidationArguments,
} from 'class-validator';
import { parseRfc3339 } from '../../api-keys/dto/validators';
import { CursorField } from '../../common/validation';
import {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditActorType,
  type AuditChanges,
  type AuditTargetType,
} from '../audit.types';

export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 500;

/** An RFC 3339 timestamp with a time zone (past or future). */
function IsTimestamp(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTimestamp',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && !Number.isNaN(parseRfc3339(value)),
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} must be a valid RFC 3339 timestamp, e.g. 2026-12-01T00:00:00Z`,
      },
    });
}

@ApiSchema({ name: 'AuditActor' })
export class AuditActorDto {
  @ApiProperty({ enum: ['user', 'api_key', 'system'], example: 'user' })
  type!: AuditActorType;

  @ApiPropertyOptional({ format: 'uuid', example: '0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11' })
  id?: string;
}

@ApiSchema({ name: 'AuditTarget' })
export class AuditTargetDto {
  @ApiProperty({ enum: ['user', 'api_key', 'webhook'], example: 'api_key' })
  type!: AuditTargetType;

  @ApiProperty({ format: 'uuid', example: '5b1c9a1e-2f7d-4d8e-9a0b-3c4d5e6f7a8b' })
  id!: string;
}

export const AUDIT_EVENT_EXAMPLE = {
  id: '3e6f1c2a-8b4d-4f0e-9a7c-1d2e3f4a5b6c',
  seq: 42,
  at: '2026-12-01T10:15:30.123Z',
  action: 'api_key.updated',
  actor: { type: 'user', id: '0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11' },
  target: { type: 'api_key', id: '5b1c9a1e-2f7d-4d8e-9a0b-3c4d5e6f7a8b' },
  ip: '203.0.113.7',
  user_agent: 'keyward-cli/1.0',
  request_id: '8d7c6b5a-4f3e-4d2c-9b1a-0f9e8d7c6b5a',
  changes: { rate_limit_per_minute: { from: 100, to: 500 } },
  hash: 'c0535e4be2b79ffd93291305436bf889314e4a3faec05ecffcbb7df31ad9e51a',
  prev_hash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
};

@ApiSchema({ name: 'AuditEvent' })
export class AuditEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'Position in the chain: unique, increasing', example: 42 })
  seq!: number;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ enum: AUDIT_ACTIONS, enumName: 'AuditAction', example: 'api_key.updated' })
  action!: AuditAction;

  @ApiProperty({ type: AuditActorDto })
  actor!: AuditActorDto;

  @ApiPropertyOptional({ type: AuditTargetDto })
  target?: AuditTargetDto;

  @ApiPropertyOptional({ description: 'Client address (as the per-IP limits see it)' })
  ip?: string;

  @ApiPropertyOptional()
  user_agent?: string;

  @ApiPropertyOptional({ description: 'The X-Request-Id the answer to the change carried' })
  request_id?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: { from: {}, to: {} },
    },
    description: 'Changed fields, `{ field: { from, to } }`; never a secret or a digest',
    example: { rate_limit_per_minute: { from: 100, to: 500 } },
  })
  changes?: AuditChanges;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The account the event is about (its owner sees the event); absent for events about no ' +
      'account. Part of what `hash` covers',
  })
  owner_user_id?: string;

  @ApiProperty({
    description: 'Hex SHA-256 over `prev_hash` and this event’s canonical JSON (see README)',
  })
  hash!: string;

  @ApiProperty({ description: 'The previous event’s `hash` (64 zeros for the first event)' })
  prev_hash!: string;
}

export class ListAuditEventsQueryDto {
  @ApiPropertyOptional({ description: "Admin only: every user's events", example: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  all?: boolean;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS, enumName: 'AuditAction', example: 'api_key.revoked' })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ format: 'uuid', example: '5b1c9a1e-2f7d-4d8e-9a0b-3c4d5e6f7a8b' })
  @IsOptional()
  @IsUUID()
  target_id?: string;

  @ApiPropertyOptional({ format: 'uuid', example: '0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11' })
  @IsOptional()
  @IsUUID()
  actor_id?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Events at or after this time',
    example: '2026-12-01T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  since?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Events before this time',
    example: '2026-12-02T00:00:00Z',
  })
  @IsOptional()
  @IsTimestamp()
  until?: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_AUDIT_LIMIT,
    default: DEFAULT_AUDIT_LIMIT,
    description: 'Events per page',
    example: 50,
  })
  @IsOptional()
  @Type(() => Number)
  @Max(MAX_AUDIT_LIMIT)
  @Min(1)
  @IsInt()
  limit?: number;

  @CursorField('NDE.q1w2e3r4t5y6u7i8o9p0aa')
  cursor?: string;
}

@ApiSchema({ name: 'ListAuditEventsResponse' })
export class ListAuditEventsResponseDto {
  @ApiProperty({ type: [AuditEventDto] })
  events!: AuditEventDto[];

  @ApiPropertyOptional({
    description: 'Pass as `cursor` for the next page; absent on the last page',
    example: 'NDE.q1w2e3r4t5y6u7i8o9p0aa',
  })
  next_cursor?: string;
}

@ApiSchema({ name: 'VerifyAuditChainResponse' })
export class VerifyAuditChainResponseDto {
  @ApiProperty({ description: 'Every kept event fits the chain', example: true })
  ok!: boolean;

  @ApiProperty({ description: 'Events checked', example: 1204 })
  checked!: number;

  @ApiPropertyOptional({
    description: 'The first event that no longer fits (edited, moved, or after a deleted one)',
    example: 57,
  })
  first_bad_seq?: number;
}
