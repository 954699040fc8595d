import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional } from 'class-validator';

export const GRANULARITIES = ['minute', 'hour', 'day'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const SINCE_DESCRIPTION =
  'Start of the range (RFC 3339), inclusive; default 24 hours ago. A bucket belongs to the range when it starts in it';
const UNTIL_DESCRIPTION = 'End of the range (RFC 3339), exclusive; default now';

/** Counts by outcome. Every outcome is present, 0 when it did not happen. */
@ApiSchema({ name: 'OutcomeCounts' })
export class OutcomeCountsDto {
  @ApiProperty({ example: 1180, description: 'Admitted' })
  valid!: number;
  @ApiProperty({ example: 12, description: 'Refused: over the key’s rate limit' })
  rate_limited!: number;
  @ApiProperty({ example: 0, description: 'Refused: no credits left' })
  credits_exhausted!: number;
  @ApiProperty({ example: 0, description: 'Refused: address outside the key’s allowlist' })
  ip_not_allowed!: number;
  @ApiProperty({ example: 3, description: 'Refused: the key lacks a scope the route needs' })
  insufficient_scope!: number;
  @ApiProperty({ example: 0, description: 'Refused: the key is revoked' })
  revoked!: number;
  @ApiProperty({ example: 0, description: 'Refused: the key has expired' })
  expired!: number;
  @ApiProperty({ example: 0, description: 'Refused: a rotated-out secret past its grace period' })
  rotated!: number;
}

const COUNTS_EXAMPLE = {
  valid: 1180,
  rate_limited: 12,
  credits_exhausted: 0,
  ip_not_allowed: 0,
  insufficient_scope: 3,
  revoked: 0,
  expired: 0,
  rotated: 0,
};

class UsageRangeQuery {
  @ApiPropertyOptional({ format: 'date-time', description: SINCE_DESCRIPTION })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  since?: string;

  @ApiPropertyOptional({ format: 'date-time', description: UNTIL_DESCRIPTION })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  until?: string;
}

export class KeyUsageQueryDto extends UsageRangeQuery {
  @ApiPropertyOptional({
    enum: GRANULARITIES,
    enumName: 'UsageGranularity',
    default: 'hour',
    description:
      'Bucket size. `minute` covers at most 48 hours at once (minutes are kept 48 hours; older ' +
      'traffic is held by the hour, and after 7 days by the day)',
  })
  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity?: Granularity;
}

export class UsageSummaryQueryDto extends UsageRangeQuery {
  @ApiPropertyOptional({ description: "Admin only: every user's keys", example: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  all?: boolean;
}

@ApiSchema({ name: 'UsageBucket' })
export class UsageBucketDto {
  @ApiProperty({ format: 'date-time', example: '2026-12-05T14:00:00.000Z' })
  start!: string;
  @ApiProperty({ type: OutcomeCountsDto })
  counts!: OutcomeCountsDto;
}

@ApiSchema({ name: 'KeyUsageResponse' })
export class KeyUsageResponseDto {
  @ApiProperty({ format: 'uuid' })
  key_id!: string;
  @ApiProperty({ enum: GRANULARITIES, enumName: 'UsageGranularity' })
  granularity!: Granularity;
  @ApiProperty({
    type: [UsageBucketDto],
    description: 'Oldest first; buckets without traffic are omitted',
  })
  buckets!: UsageBucketDto[];
  @ApiProperty({ type: OutcomeCountsDto, description: 'Sum of the buckets' })
  totals!: OutcomeCountsDto;
}

@ApiSchema({ name: 'KeyUsageTotals' })
export class KeyUsageTotalsDto {
  @ApiProperty({ format: 'uuid' })
  key_id!: string;
  @ApiProperty({ example: 'billing-worker' })
  name!: string;
  @ApiProperty({ type: OutcomeCountsDto })
  totals!: OutcomeCountsDto;
}

@ApiSchema({ name: 'UsageSummaryResponse' })
export class UsageSummaryResponseDto {
  @ApiProperty({
    type: [KeyUsageTotalsDto],
    description:
      'Every key of the caller (with `all=true`, every key), newest first, including keys ' +
      'without traffic in the range (all counts 0) and revoked or expired keys',
  })
  keys!: KeyUsageTotalsDto[];
  @ApiProperty({ type: OutcomeCountsDto, description: 'Sum over the keys' })
  totals!: OutcomeCountsDto;
}

export const KEY_USAGE_EXAMPLE: KeyUsageResponseDto = {
  key_id: '0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11',
  granularity: 'hour',
  buckets: [{ start: '2026-12-05T14:00:00.000Z', counts: COUNTS_EXAMPLE }],
  totals: COUNTS_EXAMPLE,
};

export const USAGE_SUMMARY_EXAMPLE: UsageSummaryResponseDto = {
  keys: [
    {
      key_id: '0f8f5a62-63d5-4a2e-8c53-7f4b1f7e9c11',
      name: 'billing-worker',
      totals: COUNTS_EXAMPLE,
    },
  ],
  totals: COUNTS_EXAMPLE,
};
