import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Scope } from '../api-keys/scopes';
import type { RequestContext } from '../audit/audit.types';
import { ReqContext } from '../audit/request-context.decorator';
import { NoBody } from '../common/empty-body.pipe';
import { ErrorResponseDto, MessageResponseDto } from '../common/error-response.dto';
import { UserDto } from '../users/user.dto';
import { Auth, CurrentPrincipal, Public, RefusesApiKeys } from './auth.decorators';
import { AuthRateLimited } from '../rate-limit/auth-throttler.guard';
import { AuthService } from './auth.service';
import { AuthResponseDto, RefreshDto, SignInDto, SignUpDto } from './dto/auth.dto';
import type { Principal, SessionPrincipal } from './principal';

@ApiTags('auth')
@ApiBadRequestResponse({ description: 'Validation failed', type: ErrorResponseDto })
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('signup')
  @Public()
  @AuthRateLimited()
  @ApiOperation({ operationId: 'signUp', summary: 'Create an account and start a session' })
  @ApiCreatedResponse({ type: AuthResponseDto })
  @ApiConflictResponse({ description: '`email_taken`', type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({ description: 'Per-IP or per-email limit', type: ErrorResponseDto })
  signUp(@Body() dto: SignUpDto, @ReqContext() context: RequestContext): Promise<AuthResponseDto> {
    return this.auth.signUp(dto, context);
  }

  @Post('signin')
  @Public()
  @AuthRateLimited()
  @HttpCode(200)
  @ApiOperation({ operationId: 'signIn', summary: 'Sign in with email and password' })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiUnauthorizedResponse({ description: '`invalid_credentials`', type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({ description: 'Per-IP or per-email limit', type: ErrorResponseDto })
  signIn(@Body() dto: SignInDto, @ReqContext() context: RequestContext): Promise<AuthResponseDto> {
    return this.auth.signIn(dto, context);
  }

  /** Same as signin; the Fluxbase SDK's `login` path. */
  @Post('login')
  @Public()
  @AuthRateLimited()
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Alias of POST /auth/signin' })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiUnauthorizedResponse({ description: '`invalid_credentials`', type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({ description: 'Per-IP or per-email limit', type: ErrorResponseDto })
  login(@Body() dto: SignInDto, @ReqContext() context: RequestContext): Promise<AuthResponseDto> {
    return this.auth.signIn(dto, context);
  }

  @Post('refresh')
  @Public()
  @RefusesApiKeys()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'refresh',
    summary: 'Exchange a refresh token for new tokens (the old refresh token stops working)',
  })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiUnauthorizedResponse({ description: '`invalid_token`', type: ErrorResponseDto })
  @ApiForbiddenResponse({
    description: 'Called with an API key (`user_session_required`)',
    type: ErrorResponseDto,
  })
  refresh(
    @Body() dto: RefreshDto,
    @ReqContext() context: RequestContext,
  ): Promise<AuthResponseDto> {
    return this.auth.refresh(dto.refresh_token, context);
  }

  @Post('signout')
  @HttpCode(200)
  @Auth({ sessionOnly: true })
  @ApiOperation({
    operationId: 'signOut',
    summary: 'End the session: its access and refresh tokens stop working',
  })
  @ApiOkResponse({ type: MessageResponseDto })
  async signOut(
    @CurrentPrincipal() principal: SessionPrincipal,
    @NoBody() _body: undefined,
    @ReqContext() context: RequestContext,
  ): Promise<MessageResponseDto> {
    await this.auth.signOut(principal, context);
    return { message: 'Signed out' };
  }

  @Get('user')
  @Auth({ scopes: [Scope.ReadUsers] })
  @ApiOperation({ operationId: 'getUser', summary: 'The signed-in user (or the key owner)' })
  @ApiOkResponse({ type: UserDto })
  getUser(@CurrentPrincipal() principal: Principal): Promise<Readonly<UserDto>> {
    return this.auth.getUser(principal.userId);
  }
}
