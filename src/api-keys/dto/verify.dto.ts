import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { ErrorCode } from '../../common/error-codes';
import { CodePointLength } from './validators';
import { Scope } from '../scopes';
import { API_KEY_EXAMPLE, ApiKeyDto } from './api-key.dto';

export const VERIFY_CODES = [
  'valid',
  ErrorCode.InvalidApiKey,
  ErrorCode.ApiKeyRevoked,
  ErrorCode.ApiKeyExpired,
  ErrorCode.ApiKeyRotated,
  ErrorCode.RateLimited,
] as const;
export type VerifyCode = (typeof VERIFY_CODES)[number];

@ApiSchema({ name: 'VerifyAPIKeyRequest' })
export class VerifyApiKeyDto {
  @ApiProperty({ description: 'The key another service received', maxLength: 256 })
  @CodePointLength(0, 256)
  @IsString()
  key!: string;
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
