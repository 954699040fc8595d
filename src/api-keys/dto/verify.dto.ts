import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsIP,
  IsOptional,
  IsString,
} from 'class-validator';
import { ErrorCode } from '../../common/error-codes';
import { CodePointLength } from './validators';
import { ALL_SCOPES, Scope } from '../scopes';
import { API_KEY_EXAMPLE, ApiKeyDto } from './api-key.dto';

export const VERIFY_CODES = [
  'valid',
  ErrorCode.InvalidApiKey,
  ErrorCode.ApiKeyRevoked,
  ErrorCode.ApiKeyExpired,
  ErrorCode.ApiKeyRotated,
  ErrorCode.RateLimited,
  ErrorCode.IpNotAllowed,
  ErrorCode.CreditsExhausted,
  ErrorCode.InsufficientScope,
] as const;
export type VerifyCode = (typeof VERIFY_CODES)[number];

@ApiSchema({ name: 'VerifyAPIKeyRequest' })
export class VerifyApiKeyDto {
  @ApiProperty({ description: 'The key another service received', maxLength: 256 })
  @CodePointLength(0, 256)
  @IsString()
  key!: string;

  @ApiPropertyOptional({
    description:
      'The address the verifying service saw the key come from, checked against the key’s ' +
      '`allowed_ips`. A key with an allowlist verified without it is `ip_not_allowed`',
    format: 'ip',
    example: '203.0.113.7',
  })
  @IsOptional()
  @IsIP()
  ip?: string;

  @ApiPropertyOptional({
    enum: Scope,
    enumName: 'Scope',
    isArray: true,
    maxItems: 20,
    description: '`valid` only if the key’s effective scopes hold all of these',
    example: ['read:users'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsIn(ALL_SCOPES, { each: true })
  required_scopes?: Scope[];

  @ApiPropertyOptional({
    description:
      'Ask for a lease: requests of this key the caller may admit on its own, without asking ' +
      'again, for `lease.ttl_ms` (spent from the key’s budget when granted; never for keys ' +
      'with credits, nor with fewer than 100 requests left)',
    example: true,
  })
  @IsOptional()
  @IsBoolean()
  lease?: boolean;
}

@ApiSchema({ name: 'VerifyLease' })
export class VerifyLeaseDto {
  @ApiProperty({ description: 'Further requests the caller may admit on its own', example: 166 })
  requests!: number;

  @ApiProperty({ description: 'How long the lease holds, at most 60000', example: 10000 })
  ttl_ms!: number;
}

@ApiSchema({ name: 'RateLimitState' })
export class RateLimitStateDto {
  @ApiProperty({ example: 100 })
  limit!: number;

  @ApiProperty({ example: 99 })
  remaining!: number;

  @ApiProperty({ description: 'Seconds until the budget is whole again', example: 1 })
  reset!: number;
}

@ApiSchema({ name: 'VerifyAPIKeyResponse' })
export class VerifyApiKeyResponseDto {
  @ApiProperty()
  valid!: boolean;

  @ApiProperty({ enum: VERIFY_CODES, enumName: 'VerifyCode' })
  code!: VerifyCode;

  @ApiPropertyOptional({ type: ApiKeyDto })
  api_key?: ApiKeyDto;

  @ApiPropertyOptional({ format: 'uuid' })
  user_id?: string;

  @ApiPropertyOptional({
    enum: Scope,
    enumName: 'Scope',
    isArray: true,
    description: "The key's scopes intersected with its owner's role",
  })
  scopes?: Scope[];

  @ApiPropertyOptional({ type: RateLimitStateDto })
  rate_limit?: RateLimitStateDto;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The key’s metadata (as in `api_key`); omitted when empty',
    example: { team: 'payments' },
  })
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'Credits the key has left after this verify; only for keys with credits',
    example: 41,
  })
  credits_remaining?: number;

  @ApiPropertyOptional({ type: VerifyLeaseDto })
  lease?: VerifyLeaseDto;
}

/** A key in good standing, as a caller of verify sees it. */
export const VERIFY_EXAMPLE: VerifyApiKeyResponseDto = {
  valid: true,
  code: 'valid',
  api_key: API_KEY_EXAMPLE,
  user_id: API_KEY_EXAMPLE.user_id,
  scopes: API_KEY_EXAMPLE.scopes,
  rate_limit: { limit: 100, remaining: 99, reset: 1 },
};

@ApiSchema({ name: 'ScopeInfo' })
export class ScopeInfoDto {
  @ApiProperty({ enum: Scope, enumName: 'Scope' })
  scope!: Scope;

  @ApiProperty()
  description!: string;
}

@ApiSchema({ name: 'ListScopesResponse' })
export class ListScopesResponseDto {
  @ApiProperty({ type: [ScopeInfoDto] })
  scopes!: ScopeInfoDto[];
}
