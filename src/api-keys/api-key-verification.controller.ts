import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorResponseDto } from '../common/error-response.dto';
import { Auth, Public } from '../auth/auth.decorators';
import { ApiKeyVerificationService } from './api-key-verification.service';
import {
  ListScopesResponseDto,
  VERIFY_EXAMPLE,
  VerifyApiKeyDto,
  VerifyApiKeyResponseDto,
} from './dto/verify.dto';
import { Scope } from './scopes';

@ApiTags('api-keys')
@Controller('api-keys')
export class ApiKeyVerificationController {
  constructor(private readonly verification: ApiKeyVerificationService) {}

  @Post('verify')
  @HttpCode(200)
  @Auth({ scopes: [Scope.VerifyApiKeys] })
  @ApiOperation({
    operationId: 'verifyApiKey',
    summary: 'Check a key another service received (counts against that key’s rate limit)',
  })
  @ApiOkResponse({ type: VerifyApiKeyResponseDto, example: VERIFY_EXAMPLE })
  @ApiBadRequestResponse({ description: 'Validation failed', type: ErrorResponseDto })
  verify(@Body() dto: VerifyApiKeyDto): Promise<VerifyApiKeyResponseDto> {
    return this.verification.verify(dto.key);
  }

  @Get('scopes')
  @Public()
  @ApiOperation({ operationId: 'listScopes', summary: 'Every scope a key can hold' })
  @ApiOkResponse({ type: ListScopesResponseDto })
  scopes(): ListScopesResponseDto {
    return this.verification.listScopes();
  }
}
