import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { ROLES, type Role, UserEntity } from './user.entity';

@ApiSchema({ name: 'User' })
export class UserDto {
  @ApiProperty({ format: 'uuid', example: '5b0e3f3c-2a51-4c8e-9d0b-3f1f0c6f7a10' })
  id!: string;

  @ApiProperty({ format: 'email', example: 'user@example.com' })
  email!: string;

  @ApiProperty({ example: false })
  email_verified!: boolean;

  @ApiProperty({ enum: ROLES, enumName: 'Role', example: 'user' })
  role!: Role;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { team: 'payments' },
  })
  metadata?: Record<string, unknown>;

  @ApiProperty({ format: 'date-time', example: '2026-11-27T15:40:00.000Z' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', example: '2026-11-27T15:40:00.000Z' })
  updated_at!: string;
}

/** The only way a user leaves the process: explicit fields, no hash, empty metadata omitted. */
export function toUserDto(user: UserEntity): UserDto {
  const dto: UserDto = {
    id: user.id,
    email: user.email,
    email_verified: user.emailVerified,
    role: user.role,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
  if (user.metadata && Object.keys(user.metadata).length > 0) dto.metadata = user.metadata;
  return dto;
}
