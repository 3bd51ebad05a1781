import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { AccountResponse, CreateUserDto, UpdateUserDto } from './dto/user.dto';
import { UsersService } from './users.service';
import { ParseIdPipe } from '../common/id.pipe';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'All accounts (admin).' })
  @ApiOkResponse({ type: [AccountResponse] })
  list(): Promise<AccountResponse[]> {
    return this.users.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create an account with a role (admin).' })
  @ApiCreatedResponse({ type: AccountResponse })
  @ApiConflictResponse({ description: 'USERNAME_TAKEN, CONTESTANT_ALREADY_LINKED' })
  @ApiUnprocessableEntityResponse({ description: 'CONTESTANT_NOT_FOUND, CONTESTANT_LINK_ROLE' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateUserDto): Promise<AccountResponse> {
    return this.users.create(actorOf(user), body);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change an account; a new role, password or deactivation ends its sessions.',
  })
  @ApiOkResponse({ type: AccountResponse })
  @ApiConflictResponse({ description: 'CONTESTANT_ALREADY_LINKED' })
  @ApiUnprocessableEntityResponse({ description: 'CONTESTANT_NOT_FOUND, CONTESTANT_LINK_ROLE' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateUserDto,
  ): Promise<AccountResponse> {
    return this.users.update(actorOf(user), id, body);
  }
}
