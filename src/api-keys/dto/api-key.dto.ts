import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { KeepRawJson, METADATA_RULES, CursorField } from '../../common/validation';
import { REFILL_INTERVALS, type RefillInterval } from '../credits-period';
import { MAX_ALLOWED_IPS } from '../ip-allowlist';
import { ALL_SCOPES, Scope } from '../scopes';
import {
  CodePointLength,
  IsFutureTimestamp,
  IsIpAllowlist,
  IsKeyMetadata,
  IsScopeList,
  MAX_KEY_METADATA_BYTES,
} from './validators';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

export const DEFAULT_RATE_LIMIT_PER_MINUTE = 100;
export const MAX_RATE_LIMIT_PER_MINUTE = 100_000;

export const DEFAULT_LIST_LIMIT = 100;
export const MAX_LIST_LIMIT = 500;
export const KEY_STATUSES = ['active', 'revoked', 'expired', 'all'] as const;
export type KeyStatus = (typeof KEY_STATUSES)[number];

const KEY_METADATA_RULES = `${METADATA_RULES}; at most ${MAX_KEY_METADATA_BYTES} bytes as JSON`;

/** A key's free-form metadata in a request, kept exactly as parsed (see KeepRawJson). */
const KeyMetadataField = (nullable: boolean): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'object',
      additionalProperties: true,
      nullable,
      description: nullable
        ? `${KEY_METADATA_RULES}. Replaced whole; null clears it`
        : KEY_METADATA_RULES,
      example: { team: 'payments', environment: 'production' },
    }),
    KeepRawJson(),
  );

/** The largest credit balance or refill amount (the column is a PostgreSQL integer). */
export const MAX_CREDITS = 2_147_483_647;

const ALLOWLIST_RULES =
  `IPv4 or IPv6 addresses or CIDRs, 1 to ${MAX_ALLOWED_IPS} of them; keyed requests from any ` +
  'other address get 403 `ip_not_allowed`. Stored normalised (host bits of a CIDR cleared, ' +
  'IPv6 in RFC 5952 form); an IPv4-mapped IPv6 client address matches as IPv4';
const ALLOWLIST_EXAMPLE = ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32'];
/** `ip-or-cidr`: our name for what JSON Schema has no format for (an address or a network). */
const ALLOWLIST_ITEMS = { type: 'string', format: 'ip-or-cidr', example: '203.0.113.0/24' };

const CREDITS_RULES =
  'Each keyed request that passes authentication, the allowlist, the rate limit and scopes ' +
  'spends one credit; at zero the answer is 403 `credits_exhausted`. Answers carry ' +
  '`X-Credits-Remaining`';

@ApiSchema({ name: 'APIKeyCreditsRefill' })
export class CreditsRefillDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_CREDITS,
    description: 'The balance the key gets back at each refill',
    example: 1000,
  })
  @Max(MAX_CREDITS)
  @Min(0)
  @IsInt()
  amount!: number;

  @ApiProperty({
    enum: REFILL_INTERVALS,
    enumName: 'CreditsRefillInterval',
    description:
      '`daily`: at 00:00 UTC every day; `monthly`: on the 1st of each month at 00:00 UTC. The ' +
      'refill sets `remaining` to `amount` (unspent credits do not carry over)',
    example: 'daily',
  })
  @IsIn(REFILL_INTERVALS)
  interval!: RefillInterval;
}

@ApiSchema({ name: 'APIKeyCredits' })
export class KeyCreditsDto {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: MAX_CREDITS,
    description: 'Credits left. In a request, the new balance',
    example: 1000,
  })
  @Max(MAX_CREDITS)
  @Min(0)
  @IsInt()
  remaining!: number;

  @ApiPropertyOptional({
    type: CreditsRefillDto,
    description: 'Absent: the balance is never refilled',
    example: { amount: 1000, interval: 'daily' },
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreditsRefillDto)
  @IsObject()
  refill?: CreditsRefillDto;
}

@ApiSchema({ name: 'APIKey' })
export class ApiKeyDto {
  @ApiProperty({ format: 'uuid', example: '0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11' })
  id!: string;

  @ApiProperty({ example: 'Production Service' })
  name!: string;

  @ApiPropertyOptional({ example: 'API key for production service' })
  description?: string;

  @ApiProperty({ description: 'The first 12 characters of the key', example: 'kw_3xT9aQ2mL' })
  key_prefix!: string;

  @ApiProperty({
    enum: Scope,
    enumName: 'Scope',
    isArray: true,
    example: ['read:users', 'write:users'],
  })
  scopes!: Scope[];

  @ApiProperty({ type: 'integer', example: 100 })
  rate_limit_per_minute!: number;

  @ApiProperty({ format: 'date-time', example: '2026-11-27T15:40:00.000Z' })
  created_at!: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-11-27T15:40:00.000Z' })
  updated_at?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2030-12-31T23:59:59.000Z' })
  expires_at?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the key was revoked; absent on a live key',
  })
  revoked_at?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'Absent until the key is first used. Written in batches: may lag real use by up to the ' +
      'flush interval (10 s default)',
  })
  last_used_at?: string;

  @ApiProperty({ format: 'uuid', example: '5b0e3f3c-2a51-4c8e-9d0b-3f1f0c6f7a10' })
  user_id!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Free-form JSON object given at creation or by update; omitted when empty',
    example: { team: 'payments', environment: 'production' },
  })
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'array',
    items: ALLOWLIST_ITEMS,
    description: `${ALLOWLIST_RULES}. Absent: any address`,
    example: ALLOWLIST_EXAMPLE,
  })
  allowed_ips?: string[];

  @ApiPropertyOptional({
    type: KeyCreditsDto,
    description: `${CREDITS_RULES}. Absent: the key has no credits and is not metered`,
    example: { remaining: 742, refill: { amount: 1000, interval: 'daily' } },
  })
  credits?: KeyCreditsDto;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When the secret was last rotated; absent on a key never rotated',
    example: '2026-12-01T10:00:00.000Z',
  })
  rotated_at?: string;

  @ApiPropertyOptional({
    description:
      'The first 12 characters of the secret the last rotation replaced; present only while ' +
      'that secret still works',
    example: 'kw_8pQ1rS4tV',
  })
  previous_key_prefix?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When the previous secret stops working (then it gets 401 `api_key_rotated`); present ' +
      'only while it still works',
    example: '2026-12-01T11:00:00.000Z',
  })
  previous_key_expires_at?: string;
}

/**
 * Whole-object examples for the answers that carry keys. Swagger UI would otherwise fill every
 * optional date with "now", so a key it had just shown created would look revoked and used.
 */
const NEW_API_KEY: ApiKeyDto = {
  id: '0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11',
  name: 'Production Service',
  description: 'API key for production service',
  key_prefix: 'kw_3xT9aQ2mL',
  scopes: [Scope.ReadUsers, Scope.WriteUsers],
  rate_limit_per_minute: 100,
  created_at: '2026-11-27T15:40:00.000Z',
  updated_at: '2026-11-27T15:40:00.000Z',
  expires_at: '2030-12-31T23:59:59.000Z',
  user_id: '5b0e3f3c-2a51-4c8e-9d0b-3f1f0c6f7a10',
};

/** The key as it is returned on creation: never used, not revoked. */
export const CREATED_API_KEY_EXAMPLE = {
  api_key: NEW_API_KEY,
  key: 'kw_3xT9aQ2mLh5VwZ0bN8cR4dE7fG1hJ6kM9pQ2sT5uX8yA0bC3d4Ef5G',
};

/** The key just rotated with the default grace: its previous secret works for another hour. */
export const ROTATED_API_KEY_EXAMPLE = {
  api_key: {
    ...NEW_API_KEY,
    key_prefix: 'kw_7hN2bV5cX',
    updated_at: '2026-12-01T10:00:00.000Z',
    last_used_at: '2026-12-01T09:58:12.000Z',
    rotated_at: '2026-12-01T10:00:00.000Z',
    previous_key_prefix: 'kw_3xT9aQ2mL',
    previous_key_expires_at: '2026-12-01T11:00:00.000Z',
  } satisfies ApiKeyDto,
  key: 'kw_7hN2bV5cXq8LmR3tW6yZ1aD4gJ7kN0pS3uV6xB9cE2fH5iK8mP1rT',
};

/** The same key a day later, in use. */
export const API_KEY_EXAMPLE: ApiKeyDto = {
  ...NEW_API_KEY,
  last_used_at: '2026-11-28T09:12:31.000Z',
  allowed_ips: ALLOWLIST_EXAMPLE,
  credits: { remaining: 742, refill: { amount: 1000, interval: 'daily' } },
};

@ApiSchema({ name: 'CreateAPIKeyRequest' })
export class CreateApiKeyDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Production Service' })
  @Transform(trim)
  @CodePointLength(1, 100)
  @IsString()
  name!: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'API key for production service' })
  @IsOptional()
  @CodePointLength(0, 500)
  @IsString()
  description?: string;

  @ApiProperty({
    enum: Scope,
    enumName: 'Scope',
    isArray: true,
    minItems: 1,
    uniqueItems: true,
    example: ['read:users', 'write:users'],
    description: `Non-empty, no duplicates; one of ${ALL_SCOPES.join(', ')}`,
  })
  @IsScopeList()
  scopes!: Scope[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_RATE_LIMIT_PER_MINUTE,
    default: DEFAULT_RATE_LIMIT_PER_MINUTE,
    example: 100,
  })
  @IsOptional()
  @Max(MAX_RATE_LIMIT_PER_MINUTE)
  @Min(1)
  @IsInt()
  rate_limit_per_minute?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Must be in the future',
    example: '2030-12-31T23:59:59Z',
  })
  @IsOptional()
  @IsFutureTimestamp()
  expires_at?: string;

  @KeyMetadataField(false)
  @ValidateIf((o: CreateApiKeyDto) => o.metadata !== undefined)
  @IsKeyMetadata()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'array',
    items: ALLOWLIST_ITEMS,
    minItems: 1,
    maxItems: MAX_ALLOWED_IPS,
    description: `${ALLOWLIST_RULES}. Omitted: any address`,
    example: ALLOWLIST_EXAMPLE,
  })
  @ValidateIf((o: CreateApiKeyDto) => o.allowed_ips !== undefined)
  @IsIpAllowlist()
  allowed_ips?: string[];

  @ApiPropertyOptional({
    type: KeyCreditsDto,
    description: `${CREDITS_RULES}. Omitted: the key is not metered`,
    example: { remaining: 1000, refill: { amount: 1000, interval: 'daily' } },
  })
  @ValidateIf((o: CreateApiKeyDto) => o.credits !== undefined)
  @ValidateNested()
  @Type(() => KeyCreditsDto)
  @IsObject()
  credits?: KeyCreditsDto;
}

/** Omitted fields stay as they are; `null` clears `description` or `expires_at`. */
@ApiSchema({ name: 'UpdateAPIKeyRequest' })
export class UpdateApiKeyDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'Updated Name' })
  @ValidateIf((o: UpdateApiKeyDto) => o.name !== undefined)
  @Transform(trim)
  @CodePointLength(1, 100)
  @IsString()
  name?: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 500 })
  @IsOptional()
  @CodePointLength(0, 500)
  @IsString()
  description?: string | null;

  @ApiPropertyOptional({
    enum: Scope,
    enumName: 'Scope',
    isArray: true,
    minItems: 1,
    uniqueItems: true,
  })
  @ValidateIf((o: UpdateApiKeyDto) => o.scopes !== undefined)
  @IsScopeList()
  scopes?: Scope[];

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_RATE_LIMIT_PER_MINUTE,
    example: 200,
  })
  @ValidateIf((o: UpdateApiKeyDto) => o.rate_limit_per_minute !== undefined)
  @Max(MAX_RATE_LIMIT_PER_MINUTE)
  @Min(1)
  @IsInt()
  rate_limit_per_minute?: number;

  @ApiPropertyOptional({ type: 'string', format: 'date-time', nullable: true })
  @IsOptional()
  @IsFutureTimestamp()
  expires_at?: string | null;

  @KeyMetadataField(true)
  @IsOptional()
  @IsKeyMetadata()
  metadata?: Record<string, unknown> | null;

  @ApiPropertyOptional({
    type: 'array',
    items: ALLOWLIST_ITEMS,
    nullable: true,
    minItems: 1,
    maxItems: MAX_ALLOWED_IPS,
    description: `${ALLOWLIST_RULES}. Replaced whole; null clears it (any address)`,
    example: ALLOWLIST_EXAMPLE,
  })
  @IsOptional()
  @IsIpAllowlist()
  allowed_ips?: string[] | null;

  @ApiPropertyOptional({
    type: KeyCreditsDto,
    nullable: true,
    description:
      `${CREDITS_RULES}. Replaced whole: \`remaining\` is the new balance, in force at once on ` +
      'every instance, and a refill omitted here is removed; null clears the credits (the key ' +
      'is no longer metered)',
    example: { remaining: 5000, refill: { amount: 1000, interval: 'daily' } },
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => KeyCreditsDto)
  @IsObject()
  credits?: KeyCreditsDto | null;
}

export const DEFAULT_GRACE_PERIOD_SECONDS = 3600;
export const MAX_GRACE_PERIOD_SECONDS = 604_800;

@ApiSchema({ name: 'RotateAPIKeyRequest' })
export class RotateApiKeyDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_GRACE_PERIOD_SECONDS,
    default: DEFAULT_GRACE_PERIOD_SECONDS,
    description:
      'How long the previous secret keeps working, in seconds (0: it stops at once). A previous ' +
      'secret still in its grace is replaced at once either way',
    example: 3600,
  })
  // Absent takes the default; null is not a number of seconds.
  @ValidateIf((o: RotateApiKeyDto) => o.grace_period_seconds !== undefined)
  @Max(MAX_GRACE_PERIOD_SECONDS)
  @Min(0)
  @IsInt()
  grace_period_seconds?: number;
}

export class ListApiKeysQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "Admin only: list this user's keys (alone, or narrowing `all=true`)",
    example: '0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11',
  })
  @IsOptional()
  @IsUUID()
  user_id?: string;

  @ApiPropertyOptional({ description: "Admin only: list every user's keys", example: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  all?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: MAX_LIST_LIMIT,
    default: DEFAULT_LIST_LIMIT,
    description: 'Keys per page',
    example: 50,
  })
  @IsOptional()
  @Type(() => Number)
  @Max(MAX_LIST_LIMIT)
  @Min(1)
  @IsInt()
  limit?: number;

  @CursorField(
    'eyJ0IjoiMjAyNi0xMS0yN1QxNTo0MDowMC4xMjM0NTZaIiwiaSI6IjBmOGY1YTYyIn0.q1w2e3r4t5y6u7i8',
  )
  cursor?: string;

  @ApiPropertyOptional({
    enum: KEY_STATUSES,
    enumName: 'APIKeyStatus',
    default: 'all',
    description:
      '`active`: neither revoked nor expired; `revoked`: revoked (whether or not also expired); ' +
      '`expired`: past `expires_at` and not revoked',
    example: 'active',
  })
  @IsOptional()
  @IsIn(KEY_STATUSES)
  status?: KeyStatus;

  @ApiPropertyOptional({
    enum: Scope,
    enumName: 'Scope',
    description: 'Only keys holding this scope',
    example: 'read:users',
  })
  @IsOptional()
  @IsIn(ALL_SCOPES)
  scope?: Scope;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 100,
    description: 'Case-insensitive substring of the name, or the start of `key_prefix`',
    example: 'prod',
  })
  @IsOptional()
  @CodePointLength(1, 100)
  @IsString()
  q?: string;
}

@ApiSchema({ name: 'CreateAPIKeyResponse' })
export class CreateApiKeyResponseDto {
  @ApiProperty({ type: ApiKeyDto })
  api_key!: ApiKeyDto;

  @ApiProperty({
    description: 'The full key. Returned only here: store it now, it cannot be shown again.',
    example: 'kw_3xT9aQ2mLh5VwZ0bN8cR4dE7fG1hJ6kM9pQ2sT5uX8yA0bC3d4Ef5G',
  })
  key!: string;
}

@ApiSchema({ name: 'ListAPIKeysResponse' })
export class ListApiKeysResponseDto {
  @ApiProperty({ type: [ApiKeyDto] })
  api_keys!: ApiKeyDto[];

  @ApiProperty({ description: 'Every key matching the filter, not only this page', example: 1 })
  total!: number;

  @ApiPropertyOptional({
    description: 'Pass as `cursor` for the next page; absent on the last page',
    example: 'eyJ0IjoiMjAyNi0xMS0yN1QxNTo0MDowMC4xMjM0NTZaIiwiaSI6IjBmOGY1YTYyIn0.q1w2e3r4t5y6u7i8',
  })
  next_cursor?: string;
}

@ApiSchema({ name: 'RevokeAPIKeyResponse' })
export class RevokeApiKeyResponseDto {
  @ApiProperty({ example: 'API key revoked' })
  message!: string;
}

@ApiSchema({ name: 'DeleteAPIKeyResponse' })
export class DeleteApiKeyResponseDto {
  @ApiProperty({ example: 'API key deleted' })
  message!: string;
}

/** `POST /client-keys`: the Fluxbase SDK's name for CreateAPIKeyResponse. */
@ApiSchema({ name: 'CreateClientKeyResponse' })
export class CreateClientKeyResponseDto {
  @ApiProperty({ type: ApiKeyDto })
  client_key!: ApiKeyDto;

  @ApiProperty({
    description: 'The full key. Returned only here: store it now, it cannot be shown again.',
    example: 'kw_3xT9aQ2mLh5VwZ0bN8cR4dE7fG1hJ6kM9pQ2sT5uX8yA0bC3d4Ef5G',
  })
  key!: string;
}

/** `GET /client-keys`: the Fluxbase SDK's name for ListAPIKeysResponse. */
@ApiSchema({ name: 'ListClientKeysResponse' })
export class ListClientKeysResponseDto {
  @ApiProperty({ type: [ApiKeyDto] })
  client_keys!: ApiKeyDto[];

  @ApiProperty({ description: 'Every key matching the filter, not only this page', example: 1 })
  total!: number;

  @ApiPropertyOptional({
    description: 'Pass as `cursor` for the next page; absent on the last page',
    example: 'eyJ0IjoiMjAyNi0xMS0yN1QxNTo0MDowMC4xMjM0NTZaIiwiaSI6IjBmOGY1YTYyIn0.q1w2e3r4t5y6u7i8',
  })
  next_cursor?: string;
}
