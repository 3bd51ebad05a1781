import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { MyContestantResponse } from './dto/me.dto';
import { MeService } from './me.service';

/** The signed-in contestant's own data; nobody else's. */
@ApiTags('me')
@ApiBearerAuth()
@Roles('contestant')
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get('contestant')
  @ApiOperation({
    summary:
      'My entries across editions (status, workstation, check-in), my published results, grants and appeals.',
  })
  @ApiOkResponse({ type: MyContestantResponse })
  @ApiNotFoundResponse({ description: 'CONTESTANT_NOT_LINKED' })
  contestant(@CurrentUser() user: AuthUser): Promise<MyContestantResponse> {
    return this.me.contestant(user);
  }
}
