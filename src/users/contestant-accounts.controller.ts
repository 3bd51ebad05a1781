import { Body, Controller, Header, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, ORGANIZERS, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { ContestantAccountsService } from './contestant-accounts.service';
import {
  ContestantAccountResponse,
  CreateContestantAccountDto,
} from './dto/contestant-account.dto';

@ApiTags('users')
@ApiBearerAuth()
@Roles(...ORGANIZERS)
@Controller('contestants')
export class ContestantAccountsController {
  constructor(private readonly accounts: ContestantAccountsService) {}

  @Post(':id/account')
  // The answer carries a password: no cache may keep it.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Create the login of a contestant (role contestant, linked to the record) with a generated one-time password.',
  })
  @ApiCreatedResponse({ type: ContestantAccountResponse })
  @ApiNotFoundResponse({ description: 'CONTESTANT_NOT_FOUND' })
  @ApiConflictResponse({ description: 'CONTESTANT_ALREADY_LINKED, USERNAME_TAKEN' })
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: CreateContestantAccountDto,
  ): Promise<ContestantAccountResponse> {
    return this.accounts.create(actorOf(user), id, body);
  }
}
