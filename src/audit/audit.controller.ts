import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ErrorResponseDto } from '../common/error-response.dto';
import { AuditService } from './audit.service';
import {
  AUDIT_EVENT_EXAMPLE,
  ListAuditEventsQueryDto,
  ListAuditEventsResponseDto,
  VerifyAuditChainResponseDto,
} from './dto/audit.dto';

@ApiTags('audit')
@Auth({ sessionOnly: true })
@Controller('audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: 'The audit log: the caller’s own events, newest first, a page at a time',
    description:
      'Events about the caller’s account and keys, and those it caused; an admin’s `all=true` ' +
      'lists everyone’s. Filters `action`, `target_id`, `actor_id`, `since` (inclusive) and ' +
      '`until` (exclusive); follow `next_cursor` for the next page.',
  })
  @ApiOkResponse({
    type: ListAuditEventsResponseDto,
    example: { events: [AUDIT_EVENT_EXAMPLE], next_cursor: 'NDE.q1w2e3r4t5y6u7i8o9p0aa' },
  })
  @ApiBadRequestResponse({
    description: 'Validation failed, or a cursor this service did not give out (`invalid_cursor`)',
    type: ErrorResponseDto,
  })
  @ApiForbiddenResponse({
    description:
      'Called with an API key (`user_session_required`); `all=true` by a non-admin: `forbidden`',
    type: ErrorResponseDto,
  })
  list(
    @CurrentPrincipal() caller: Principal,
    @Query() query: ListAuditEventsQueryDto,
  ): Promise<ListAuditEventsResponseDto> {
    return this.audit.list(caller, query);
  }

  @Get('verify')
  @ApiOperation({
    operationId: 'verifyAuditChain',
    summary: 'Admin: check that no kept audit event was edited, deleted or reordered',
    description:
      'Walks the hash chain from the oldest kept event to the newest and names the first event ' +
      'that no longer fits (`first_bad_seq`).',
  })
  @ApiOkResponse({ type: VerifyAuditChainResponseDto, example: { ok: true, checked: 1204 } })
  @ApiForbiddenResponse({
    description: 'Called with an API key (`user_session_required`); not an admin: `forbidden`',
    type: ErrorResponseDto,
  })
  verify(@CurrentPrincipal() caller: Principal): Promise<VerifyAuditChainResponseDto> {
    return this.audit.verify(caller);
  }
}
