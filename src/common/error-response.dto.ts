import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

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

  @ApiProperty({ description: 'Stable snake_case identifier', example: 'api_key_revoked' })
  code!: string;

  @ApiPropertyOptional({ type: [ErrorDetailDto] })
  details?: ErrorDetailDto[];
}

@ApiSchema({ name: 'MessageResponse' })
export class MessageResponseDto {
  @ApiProperty({ example: 'API key revoked' })
  message!: string;
}
