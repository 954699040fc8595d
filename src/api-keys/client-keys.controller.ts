import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import { ClientKeysService } from './client-keys.service';
import {
  ApiKeyDto,
  CreateApiKeyDto,
  CreateClientKeyResponseDto,
  DeleteApiKeyResponseDto,
  ListApiKeysQueryDto,
  ListClientKeysResponseDto,
  RevokeApiKeyResponseDto,
  UpdateApiKeyDto,
} from './dto/api-key.dto';

const KeyId = (): ParameterDecorator => Param('id', ParseIdPipe);

/** `/client-keys`: the Fluxbase SDK's current paths for `/api-keys`, the same resource. */
@ApiTags('client-keys')
@Auth({ sessionOnly: true })
@ApiBadRequestResponse({ description: 'Validation failed or malformed id', type: ErrorResponseDto })
@Controller('client-keys')
export class ClientKeysController {
  constructor(
    private readonly clientKeys: ClientKeysService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  @Post()
  @ApiOperation({
    operationId: 'createClientKey',
    summary: 'Alias of POST /api-keys, answering `{ client_key, key }`',
  })
  @ApiCreatedResponse({ type: CreateClientKeyResponseDto })
  @ApiConflictResponse({ description: '`key_limit_reached`', type: ErrorResponseDto })
  create(
    @CurrentPrincipal() caller: Principal,
    @Body() dto: CreateApiKeyDto,
    @ReqContext() context: RequestContext,
  ): Promise<CreateClientKeyResponseDto> {
    return this.clientKeys.create(caller, dto, context);
  }

  @Get()
  @ApiOperation({
    operationId: 'listClientKeys',
    summary: 'Alias of GET /api-keys, answering `{ client_keys, total, next_cursor? }`',
  })
  @ApiOkResponse({ type: ListClientKeysResponseDto })
  @ApiBadRequestResponse({
    description: 'Validation failed, or a cursor this service did not give out (`invalid_cursor`)',
    type: ErrorResponseDto,
  })
  list(
    @CurrentPrincipal() caller: Principal,
    @Query() query: ListApiKeysQueryDto,
  ): Promise<ListClientKeysResponseDto> {
    return this.clientKeys.list(caller, query);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getClientKey', summary: 'Alias of GET /api-keys/{id}' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@CurrentPrincipal() caller: Principal, @KeyId() id: string): Promise<ApiKeyDto> {
    return this.apiKeys.get(caller, id);
  }

  @Patch(':id')
  @ApiOperation({ operationId: 'updateClientKey', summary: 'Alias of PATCH /api-keys/{id}' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ApiKeyDto })
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
    operationId: 'revokeClientKey',
    summary: 'Alias of POST /api-keys/{id}/revoke',
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

  @Delete(':id')
  @ApiOperation({ operationId: 'deleteClientKey', summary: 'Alias of DELETE /api-keys/{id}' })
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
