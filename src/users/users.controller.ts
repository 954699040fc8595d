import { Body, Controller, Delete, Get, Param, Patch, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Scope } from '../api-keys/scopes';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import type { RequestContext } from '../audit/audit.types';
import { ReqContext } from '../audit/request-context.decorator';
import { ErrorResponseDto, MessageResponseDto } from '../common/error-response.dto';
import { ParseIdPipe } from '../common/parse-uuid.pipe';
import { ListUsersQueryDto, ListUsersResponseDto, UpdateUserDto } from './dto/users.dto';
import { UserDto } from './user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBadRequestResponse({
  description: 'Validation failed or malformed id',
  type: ErrorResponseDto,
})
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Auth({ scopes: [Scope.ReadUsers] })
  @ApiOperation({
    operationId: 'listUsers',
    summary: 'Admin: every user, paginated. User: itself.',
  })
  @ApiOkResponse({ type: ListUsersResponseDto })
  list(
    @CurrentPrincipal() caller: Principal,
    @Query() query: ListUsersQueryDto,
  ): Promise<ListUsersResponseDto> {
    return this.users.list(caller, query);
  }

  @Get(':id')
  @Auth({ scopes: [Scope.ReadUsers] })
  @ApiOperation({
    operationId: 'getUserById',
    summary: "A user's record (someone else's is a 404 unless admin)",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(
    @CurrentPrincipal() caller: Principal,
    @Param('id', ParseIdPipe) id: string,
  ): Promise<UserDto> {
    return this.users.getVisible(caller, id);
  }

  @Patch(':id')
  @ApiForbiddenResponse({
    // Joined to @Auth's own 403 description (scopes) in the document.
    description:
      '`role` sent with an API key: `user_session_required`; by a non-admin: `forbidden`',
    type: ErrorResponseDto,
  })
  @Auth({ scopes: [Scope.WriteUsers] })
  @ApiOperation({
    operationId: 'updateUser',
    summary: "Change metadata; an admin's session may also change role",
    description:
      'A key with `write:users` may change `metadata` only: a body with `role` from an API key ' +
      'is refused whole with 403 `user_session_required`, whoever owns the key. A `role` change ' +
      'needs an admin (403 `forbidden` otherwise); demoting the last admin answers 409 `last_admin`.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ description: '`last_admin`', type: ErrorResponseDto })
  update(
    @CurrentPrincipal() caller: Principal,
    @Param('id', ParseIdPipe) id: string,
    @Body() dto: UpdateUserDto,
    @ReqContext() context: RequestContext,
  ): Promise<UserDto> {
    return this.users.update(caller, id, dto, context);
  }

  @Delete(':id')
  // Destroying the account that controls the keys is for people, not for a (possibly leaked) key.
  @Auth({ sessionOnly: true })
  @ApiOperation({
    operationId: 'deleteUser',
    summary: 'Delete a user with all of its keys and sessions (admin or self)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: MessageResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ description: '`last_admin`', type: ErrorResponseDto })
  delete(
    @CurrentPrincipal() caller: Principal,
    @Param('id', ParseIdPipe) id: string,
    @ReqContext() context: RequestContext,
  ): Promise<MessageResponseDto> {
    return this.users.delete(caller, id, context);
  }
}
