import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ErrorResponseDto } from '../common/error-response.dto';
import { ParseIdPipe } from '../common/parse-uuid.pipe';
import {
  KEY_USAGE_EXAMPLE,
  KeyUsageQueryDto,
  KeyUsageResponseDto,
  USAGE_SUMMARY_EXAMPLE,
  UsageSummaryQueryDto,
  UsageSummaryResponseDto,
} from './dto/usage.dto';
import { UsageService } from './usage.service';

@ApiTags('usage')
@Auth({ sessionOnly: true })
@ApiBadRequestResponse({
  description: 'Validation failed (a bad date, `until` not after `since`) or malformed id',
  type: ErrorResponseDto,
})
@Controller()
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get('api-keys/:id/usage')
  @ApiOperation({
    operationId: 'getApiKeyUsage',
    summary: "A key's requests and verifies by outcome, per minute, hour or day",
    description:
      'Counts are written in batches: a request shows up within `LAST_USED_FLUSH_MS` ' +
      '(10 s by default). Buckets without traffic are omitted; `counts` and `totals` carry ' +
      'every outcome, 0 when it did not happen.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: KeyUsageResponseDto, example: KEY_USAGE_EXAMPLE })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  forKey(
    @CurrentPrincipal() caller: Principal,
    @Param('id', ParseIdPipe) id: string,
    @Query() query: KeyUsageQueryDto,
  ): Promise<KeyUsageResponseDto> {
    return this.usage.forKey(caller, id, query);
  }

  @Get('usage')
  @ApiOperation({
    operationId: 'getUsageSummary',
    summary: "Totals by outcome for every key of the caller's, in one call",
    description:
      'Every key is listed, also those without traffic in the range (all counts 0); `totals` ' +
      'carry every outcome, 0 when it did not happen. An admin passes `all=true` for every key.',
  })
  @ApiOkResponse({ type: UsageSummaryResponseDto, example: USAGE_SUMMARY_EXAMPLE })
  @ApiForbiddenResponse({
    description: '`forbidden`: `all=true` from a non-admin',
    type: ErrorResponseDto,
  })
  summary(
    @CurrentPrincipal() caller: Principal,
    @Query() query: UsageSummaryQueryDto,
  ): Promise<UsageSummaryResponseDto> {
    return this.usage.summary(caller, query);
  }
}
