import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { MetadataField } from '../../common/validation';
import { UserDto } from '../user.dto';
import { ROLES, type Role } from '../user.entity';

/**
 * Far beyond any users table, and safe everywhere an offset goes: an exact JavaScript integer
 * and well inside PostgreSQL's bigint OFFSET (a larger number was a 500, "bigint out of range").
 */
export const MAX_OFFSET = 2_147_483_647;

export class ListUsersQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @Max(100)
  @Min(1)
  @IsInt()
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @Max(MAX_OFFSET)
  @Min(0)
  @IsInt()
  offset?: number;
}

@ApiSchema({ name: 'ListUsersResponse' })
export class ListUsersResponseDto {
  @ApiProperty({ type: [UserDto] })
  users!: UserDto[];

  @ApiProperty({ example: 1 })
  total!: number;
}

@ApiSchema({ name: 'UpdateUserRequest' })
export class UpdateUserDto {
  @MetadataField()
  @ValidateIf((o: UpdateUserDto) => o.metadata !== undefined)
  @IsObject()
  metadata?: Record<string, unknown>;

  @ApiPropertyOptional({
    enum: ROLES,
    enumName: 'Role',
    description: 'Admins only, with a user session (never an API key); the last admin stays admin',
  })
  @ValidateIf((o: UpdateUserDto) => o.role !== undefined)
  @IsIn(ROLES)
  role?: Role;
}
