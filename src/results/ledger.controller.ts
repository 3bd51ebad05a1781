import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, ORGANIZERS, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { ApproveGrantsDto, PayGrantDto } from './dto/results.dto';
import {
  GrantResponse,
  GrantsComputedResponse,
  LedgerTotalsResponse,
  toGrantResponse,
} from './dto/grant.dto';
import { LedgerService } from './ledger.service';
import { STAFF } from './results-roles';

/** The awards ledger: grants computed from final results, approved, paid once. */
@ApiTags('results and awards')
@ApiBearerAuth()
@Controller()
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Post('editions/:id/grants/compute')
  @HttpCode(200)
  @Roles(...ORGANIZERS)
  @ApiOperation({
    summary: 'Grants from the final results: one per person and prize; re-running changes nothing.',
  })
  @ApiOkResponse({ type: GrantsComputedResponse })
  computeGrants(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<GrantsComputedResponse> {
    return this.ledger.computeGrants(actorOf(user), id);
  }

  @Get('editions/:id/grants')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'The awards ledger of an edition.' })
  @ApiOkResponse({ type: [GrantResponse] })
  async grants(@Param('id', ParseIdPipe) id: number): Promise<GrantResponse[]> {
    return (await this.ledger.list(id)).map(toGrantResponse);
  }

  @Get('editions/:id/grants/totals')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Cash totals by edition, event and recommending unit.' })
  @ApiOkResponse({ type: LedgerTotalsResponse })
  totals(@Param('id', ParseIdPipe) id: number): Promise<LedgerTotalsResponse> {
    return this.ledger.totals(id);
  }

  @Post('grants/approve')
  @HttpCode(200)
  @Roles(...ORGANIZERS)
  @ApiOperation({ summary: 'Approve pending grants.' })
  @ApiOkResponse({ type: [GrantResponse] })
  async approve(
    @CurrentUser() user: AuthUser,
    @Body() body: ApproveGrantsDto,
  ): Promise<GrantResponse[]> {
    return (await this.ledger.approve(actorOf(user), body.grantIds)).map(toGrantResponse);
  }

  @Post('grants/:id/pay')
  @HttpCode(200)
  @Roles(...ORGANIZERS)
  @ApiOperation({ summary: 'Record the payment of an approved grant (once).' })
  @ApiOkResponse({ type: GrantResponse })
  @ApiConflictResponse({ description: 'GRANT_ALREADY_PAID, GRANT_STATUS' })
  async pay(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: PayGrantDto,
  ): Promise<GrantResponse> {
    return toGrantResponse(await this.ledger.pay(actorOf(user), id, body.paymentRef));
  }
}
