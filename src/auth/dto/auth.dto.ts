import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsNotEmpty, IsObject, IsOptional, IsString } from 'class-validator';
import { CodePointLength } from '../../api-keys/dto/validators';
import { KeepRawJson, METADATA_RULES, MetadataField } from '../../common/validation';
import { EMAIL_RULES, IsAccountEmail } from '../../users/email';
import { UserDto } from '../../users/user.dto';

@ApiSchema({ name: 'SignUpRequest' })
export class SignUpDto {
  @ApiProperty({
    format: 'email',
    maxLength: 254,
    example: 'user@example.com',
    description: EMAIL_RULES,
  })
  @CodePointLength(0, 254)
  @IsAccountEmail()
  email!: string;

  @ApiProperty({
    description:
      'At least PASSWORD_MIN_LENGTH (default 15) and at most 256 characters; common passwords are refused',
    minLength: 15,
    maxLength: 256,
    example: 'correct horse battery staple',
  })
  @IsString()
  password!: string;

  @MetadataField()
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: `The Fluxbase SDK's name for \`metadata\`; send one or the other, not both. ${METADATA_RULES}`,
    example: { team: 'payments' },
  })
  @KeepRawJson()
  @IsOptional()
  @IsObject()
  user_metadata?: Record<string, unknown>;
}

@ApiSchema({ name: 'SignInRequest' })
export class SignInDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'user@example.com' })
  @CodePointLength(0, 254)
  @IsNotEmpty()
  @IsString()
  email!: string;

  @ApiProperty({ minLength: 1, maxLength: 1024, example: 'correct horse battery staple' })
  @CodePointLength(0, 1024)
  @IsNotEmpty()
  @IsString()
  password!: string;
}

@ApiSchema({ name: 'RefreshRequest' })
export class RefreshDto {
  @ApiProperty({
    description: 'The refresh token from the last AuthResponse',
    minLength: 1,
    maxLength: 512,
  })
  @CodePointLength(0, 512)
  @IsNotEmpty()
  @IsString()
  refresh_token!: string;
}

@ApiSchema({ name: 'AuthResponse' })
export class AuthResponseDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;

  @ApiProperty({ description: 'JWT (HS256) to send as `Authorization: Bearer <token>`' })
  access_token!: string;

  @ApiProperty({ description: 'Single-use token for POST /auth/refresh' })
  refresh_token!: string;

  @ApiProperty({ description: 'Access-token lifetime in seconds', example: 900 })
  expires_in!: number;

  @ApiProperty({ enum: ['bearer'], example: 'bearer' })
  token_type!: 'bearer';
}
