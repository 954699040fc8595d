import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { UserDto } from '../../users/user.dto';

@ApiSchema({ name: 'SignUpRequest' })
export class SignUpDto {
  @ApiProperty({ format: 'email', maxLength: 254, example: 'user@example.com' })
  @MaxLength(254)
  @IsEmail({}, { message: 'must be a valid email address' })
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

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { team: 'payments' },
  })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;
}

@ApiSchema({ name: 'SignInRequest' })
export class SignInDto {
  @ApiProperty({ format: 'email', example: 'user@example.com' })
  @MaxLength(254)
  @IsNotEmpty()
  @IsString()
  email!: string;

  @ApiProperty({ example: 'correct horse battery staple' })
  @MaxLength(1024)
  @IsNotEmpty()
  @IsString()
  password!: string;
}

@ApiSchema({ name: 'RefreshRequest' })
export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from the last AuthResponse' })
  @MaxLength(512)
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
