import { Body, Controller, Get, HttpCode, Ip, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser, Public } from './decorators';
import {
  ChangePasswordDto,
  LoginDto,
  RefreshDto,
  SessionResponse,
  UserResponse,
} from './dto/auth.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Sign in; failed attempts are throttled per account and address, and per address (429 + Retry-After).',
  })
  @ApiOkResponse({ type: SessionResponse })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS' })
  @ApiTooManyRequestsResponse({ description: 'LOGIN_THROTTLED' })
  login(@Body() body: LoginDto, @Ip() address: string): Promise<SessionResponse> {
    return this.auth.login(body.username, body.password, address);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a refresh token (single use) for a new pair.' })
  @ApiOkResponse({ type: SessionResponse })
  refresh(@Body() body: RefreshDto): Promise<SessionResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Spend the refresh token and revoke the access tokens issued so far.' })
  @ApiNoContentResponse()
  logout(@CurrentUser() user: AuthUser, @Body() body: RefreshDto): Promise<void> {
    return this.auth.logout(user, body.refreshToken);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The signed-in user.' })
  @ApiOkResponse({ type: UserResponse })
  me(@CurrentUser() user: AuthUser): UserResponse {
    return user;
  }

  @Patch('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change the own password; revokes every session of the account.' })
  @ApiNoContentResponse()
  changePassword(@CurrentUser() user: AuthUser, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(user, body.currentPassword, body.newPassword);
  }
}
