import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { MetadataField } from '../../common/validation';
import { UserDto } from '../user.dto';
import { ROLES, type Role } from '../user.entity';

export class ListUsersQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @Max(100)
  @Min(1)
  @IsInt()
  limit?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
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
