import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import type { RequestContext } from '../audit/audit.types';
import { ReqContext } from '../audit/request-context.decorator';
import { ErrorResponseDto } from '../common/error-response.dto';
import { NoBody } from '../common/empty-body.pipe';
import { ParseIdPipe } from '../common/parse-uuid.pipe';
import { ApiKeysService } from './api-keys.service';
import {
  API_KEY_EXAMPLE,
  ApiKeyDto,
  CREATED_API_KEY_EXAMPLE,
  CreateApiKeyDto,
  CreateApiKeyResponseDto,
  DeleteApiKeyResponseDto,
  ListApiKeysQueryDto,
  ListApiKeysResponseDto,
  RevokeApiKeyResponseDto,
  ROTATED_API_KEY_EXAMPLE,
  RotateApiKeyDto,
  UpdateApiKeyDto,
} from './dto/api-key.dto';

const KeyId = (): ParameterDecorator => Param('id', ParseIdPipe);

@ApiTags('api-keys')
@Auth({ sessionOnly: true })
@ApiBadRequestResponse({ description: 'Validation failed or malformed id', type: ErrorResponseDto })
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    operationId: 'createApiKey',
    summary: 'Create an API key (the full key is shown only here)',
  })
  @ApiCreatedResponse({ type: CreateApiKeyResponseDto, example: CREATED_API_KEY_EXAMPLE })
  @ApiConflictResponse({ description: '`key_limit_reached`', type: ErrorResponseDto })
  create(
    @CurrentPrincipal() caller: Principal,
    @Body() dto: CreateApiKeyDto,
    @ReqContext() context: RequestContext,
  ): Promise<CreateApiKeyResponseDto> {
    return this.apiKeys.create(caller, dto, context);
  }

  @Get()
  @ApiOperation({
    operationId: 'listApiKeys',
    summary: "List the caller's API keys, newest first, a page at a time",
    description:
      'Filters by `status`, `scope` and `q`; `total` counts every key matching them. Follow ' +
      '`next_cursor` for the next page: a walk sees every key that existed when it started ' +
      'exactly once, even while keys are created.',
  })
  @ApiOkResponse({
    type: ListApiKeysResponseDto,
    example: { api_keys: [API_KEY_EXAMPLE], total: 1 },
  })
  @ApiBadRequestResponse({
    description: 'Validation failed, or a cursor this service did not give out (`invalid_cursor`)',
    type: ErrorResponseDto,
  })
  list(
    @CurrentPrincipal() caller: Principal,
    @Query() query: ListApiKeysQueryDto,
  ): Promise<ListApiKeysResponseDto> {
    return this.apiKeys.list(caller, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getApiKey', summary: 'Get one API key' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ApiKeyDto, example: API_KEY_EXAMPLE })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@CurrentPrincipal() caller: Principal, @KeyId() id: string): Promise<ApiKeyDto> {
    return this.apiKeys.get(caller, id);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateApiKey',
    summary: 'Update an API key (omitted fields stay; null clears)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ApiKeyDto, example: API_KEY_EXAMPLE })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ description: '`api_key_revoked`', type: ErrorResponseDto })
  update(
    @CurrentPrincipal() caller: Principal,
    @KeyId() id: string,
    @Body() dto: UpdateApiKeyDto,
    @ReqContext() context: RequestContext,
  ): Promise<ApiKeyDto> {
    return this.apiKeys.update(caller, id, dto, context);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key (kept for audit; idempotent)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: RevokeApiKeyResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  revoke(
    @CurrentPrincipal() caller: Principal,
    @KeyId() id: string,
    @NoBody() _body: undefined,
    @ReqContext() context: RequestContext,
  ): Promise<RevokeApiKeyResponseDto> {
    return this.apiKeys.revoke(caller, id, context);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'rotateApiKey',
    summary: 'Rotate an API key: a new secret for the same key (shown only here)',
    description:
      'Same id, name, scopes, limits, metadata and rate-limit budget; a new secret in `key` and ' +
      'a new `key_prefix`. The previous secret keeps working until `previous_key_expires_at` ' +
      '(`grace_period_seconds`, default 3600, 0 for at once), then gets 401 `api_key_rotated`. ' +
      'Rotating again replaces a previous secret still in its grace at once.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({
    type: RotateApiKeyDto,
    required: false,
    examples: {
      default: { summary: 'The default grace: one hour', value: {} },
      week: {
        summary: 'A week to roll the new secret out',
        value: { grace_period_seconds: 604800 },
      },
      now: { summary: 'The previous secret stops at once', value: { grace_period_seconds: 0 } },
    },
  })
  @ApiOkResponse({ type: CreateApiKeyResponseDto, example: ROTATED_API_KEY_EXAMPLE })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    description: 'The key is revoked (`api_key_revoked`) or expired (`api_key_expired`)',
    type: ErrorResponseDto,
  })
  rotate(
    @CurrentPrincipal() caller: Principal,
    @KeyId() id: string,
    @Body() dto: RotateApiKeyDto,
    @ReqContext() context: RequestContext,
  ): Promise<CreateApiKeyResponseDto> {
    return this.apiKeys.rotate(caller, id, dto, context);
  }

  @Delete(':id')
  @ApiOperation({ operationId: 'deleteApiKey', summary: 'Delete an API key permanently' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: DeleteApiKeyResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  delete(
    @CurrentPrincipal() caller: Principal,
    @KeyId() id: string,
    @ReqContext() context: RequestContext,
  ): Promise<DeleteApiKeyResponseDto> {
    return this.apiKeys.delete(caller, id, context);
  }
}
