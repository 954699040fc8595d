import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
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
import { NoBody } from '../common/empty-body.pipe';
import { ErrorResponseDto } from '../common/error-response.dto';
import { ParseIdPipe } from '../common/parse-uuid.pipe';
import {
  CREATED_WEBHOOK_EXAMPLE,
  CreateWebhookDto,
  CreateWebhookResponseDto,
  DELIVERIES_EXAMPLE,
  DeleteWebhookResponseDto,
  ListWebhookDeliveriesQueryDto,
  ListWebhookDeliveriesResponseDto,
  ListWebhooksResponseDto,
  TEST_DELIVERY_EXAMPLE,
  TestWebhookResponseDto,
  UpdateWebhookDto,
  WEBHOOK_EXAMPLE,
  WebhookDto,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

const WebhookId = (): ParameterDecorator => Param('id', ParseIdPipe);

const URL_REFUSED =
  'Validation failed, malformed id, or a URL pointing at a loopback, private, link-local or ' +
  'metadata address (`webhook_url_not_allowed`)';

@ApiTags('webhooks')
@Auth({ sessionOnly: true })
@ApiBadRequestResponse({ description: 'Validation failed or malformed id', type: ErrorResponseDto })
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    operationId: 'createWebhook',
    summary: 'Subscribe a URL to events (the signing secret is shown only here)',
    description:
      'Each event is POSTed as `{ id, type, at, data }` with `Keyward-Signature: ' +
      't=<unix seconds>,v1=<hex HMAC-SHA-256(secret, "<t>.<raw body>")>` and ' +
      '`Keyward-Event-Id`; retried with backoff for 24 h until the receiver answers 2xx. An ' +
      "admin's `all: true` receives every user's events.",
  })
  @ApiCreatedResponse({ type: CreateWebhookResponseDto, example: CREATED_WEBHOOK_EXAMPLE })
  @ApiBadRequestResponse({ description: URL_REFUSED, type: ErrorResponseDto })
  create(
    @CurrentPrincipal() caller: Principal,
    @Body() dto: CreateWebhookDto,
    @ReqContext() context: RequestContext,
  ): Promise<CreateWebhookResponseDto> {
    return this.webhooks.create(caller, dto, context);
  }

  @Get()
  @ApiOperation({ operationId: 'listWebhooks', summary: "The caller's webhooks, newest first" })
  @ApiOkResponse({
    type: ListWebhooksResponseDto,
    example: { webhooks: [WEBHOOK_EXAMPLE], total: 1 },
  })
  list(@CurrentPrincipal() caller: Principal): Promise<ListWebhooksResponseDto> {
    return this.webhooks.list(caller);
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getWebhook', summary: 'Get one webhook' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: WebhookDto, example: WEBHOOK_EXAMPLE })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@CurrentPrincipal() caller: Principal, @WebhookId() id: string): Promise<WebhookDto> {
    return this.webhooks.get(caller, id);
  }

  @Patch(':id')
  @ApiOperation({
    operationId: 'updateWebhook',
    summary: 'Update a webhook (omitted fields stay; null clears the description)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: WebhookDto, example: WEBHOOK_EXAMPLE })
  @ApiBadRequestResponse({ description: URL_REFUSED, type: ErrorResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  update(
    @CurrentPrincipal() caller: Principal,
    @WebhookId() id: string,
    @Body() dto: UpdateWebhookDto,
    @ReqContext() context: RequestContext,
  ): Promise<WebhookDto> {
    return this.webhooks.update(caller, id, dto, context);
  }

  @Delete(':id')
  @ApiOperation({
    operationId: 'deleteWebhook',
    summary: 'Delete a webhook and its pending deliveries',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: DeleteWebhookResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  delete(
    @CurrentPrincipal() caller: Principal,
    @WebhookId() id: string,
    @ReqContext() context: RequestContext,
  ): Promise<DeleteWebhookResponseDto> {
    return this.webhooks.delete(caller, id, context);
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'testWebhook',
    summary: 'Queue a `webhook.test` event for this webhook',
    description: 'Delivered like any event, after those already pending; follow it in deliveries.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiAcceptedResponse({ type: TestWebhookResponseDto, example: TEST_DELIVERY_EXAMPLE })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  test(
    @CurrentPrincipal() caller: Principal,
    @WebhookId() id: string,
    @NoBody() _body: undefined,
  ): Promise<TestWebhookResponseDto> {
    return this.webhooks.test(caller, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({
    operationId: 'listWebhookDeliveries',
    summary: "A webhook's deliveries, newest first, a page at a time",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ListWebhookDeliveriesResponseDto, example: DELIVERIES_EXAMPLE })
  @ApiBadRequestResponse({
    description: 'Validation failed, malformed id, or a foreign cursor (`invalid_cursor`)',
    type: ErrorResponseDto,
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  deliveries(
    @CurrentPrincipal() caller: Principal,
    @WebhookId() id: string,
    @Query() query: ListWebhookDeliveriesQueryDto,
  ): Promise<ListWebhookDeliveriesResponseDto> {
    return this.webhooks.listDeliveries(caller, id, query);
  }
}
