import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, AuthenticatedRequest, CurrentSession, Public, SessionUser } from '@app/auth';
import { ApiErrors, AppConfig, ErrorCode } from '@app/common';
import type { UserEntity } from '@app/database';
import { AuthService } from './auth.service';
import { LoginDto } from './dto/login.dto';
import { SignupDto } from './dto/signup.dto';
import { MeDto, SessionResponseDto } from './dto/user.dto';
import { LoggedInUser, LoginGuard } from './login.guard';
import { clearSessionCookies, withSessionCookies } from './session-cookies';

@ApiTags('Account')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Creates an account and its first workspace (owner; plan: the server's DEFAULT_PLAN, `free` unless set) and signs
   * in (sets lt_session and lt_csrf).
   */
  @Post('signup')
  @Public()
  @ApiErrors(ErrorCode.conflict, ErrorCode.rateLimitExceeded, ErrorCode.serviceUnavailable)
  async signup(
    @Body() dto: SignupDto,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponseDto> {
    return withSessionCookies(
      this.config,
      request,
      reply,
      await this.auth.signup(dto, request.ip, request.headers['user-agent']),
    );
  }

  /** Signs in with email and password. Repeated failures lock the email and the client IP out for 15 minutes (429). */
  @Post('login')
  @HttpCode(200)
  @Public()
  @UseGuards(LoginGuard)
  @ApiErrors(ErrorCode.invalidCredentials, ErrorCode.rateLimitExceeded, ErrorCode.serviceUnavailable)
  async login(
    @Body() _credentials: LoginDto,
    @LoggedInUser() user: UserEntity,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionResponseDto> {
    return withSessionCookies(this.config, request, reply, await this.auth.login(user, request.headers['user-agent']));
  }

  /** Ends the session (it is revoked server-side) and clears the cookies. */
  @Post('logout')
  @HttpCode(204)
  @Authenticated({ session: true, workspace: false })
  async logout(
    @CurrentSession() session: SessionUser,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(session);
    clearSessionCookies(this.config, request, reply);
  }

  /** Who is calling: the signed-in user, or the user (or machine user) a key acts as, with the key's scopes. */
  @Get('me')
  @Authenticated({ anyScope: true, workspace: false })
  getCurrentUser(@Req() request: AuthenticatedRequest): Promise<MeDto> {
    return this.auth.me(request.auth, request.sessionUser);
  }
}
