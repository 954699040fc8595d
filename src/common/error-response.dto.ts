import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ERROR_CODES, ErrorCode } from './error-codes';

@ApiSchema({ name: 'ErrorDetail' })
export class ErrorDetailDto {
  @ApiPropertyOptional({ example: 'scopes[1]' })
  field?: string;

  @ApiProperty({ example: "unknown scope 'read:everything'" })
  problem!: string;
}

/** The contract's error body, returned by every 4xx and 5xx answer. */
@ApiSchema({ name: 'ErrorResponse' })
export class ErrorResponseDto {
  @ApiProperty({
    description: 'One human sentence, safe to show',
    example: 'API key has been revoked',
  })
  error!: string;

  @ApiProperty({
    description: 'Stable snake_case identifier',
    enum: ERROR_CODES,
    enumName: 'ErrorCode',
    example: ErrorCode.ApiKeyRevoked,
  })
  code!: ErrorCode;

  @ApiPropertyOptional({ type: [ErrorDetailDto] })
  details?: ErrorDetailDto[];
}

@ApiSchema({ name: 'MessageResponse' })
export class MessageResponseDto {
  @ApiProperty({ example: 'API key revoked' })
  message!: string;
}
