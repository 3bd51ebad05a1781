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
import { ApproveGrantsDto, GrantsComputedResponse, PayGrantDto } from './dto/results.dto';
import { GrantRow } from './entities/grant.entity';
import { LedgerService, LedgerTotals } from './ledger.service';
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
  grants(@Param('id', ParseIdPipe) id: number): Promise<GrantRow[]> {
    return this.ledger.list(id);
  }

  @Get('editions/:id/grants/totals')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Cash totals by edition, event and recommending unit.' })
  totals(@Param('id', ParseIdPipe) id: number): Promise<LedgerTotals> {
    return this.ledger.totals(id);
  }

  @Post('grants/approve')
  @HttpCode(200)
  @Roles(...ORGANIZERS)
  @ApiOperation({ summary: 'Approve pending grants.' })
  approve(@CurrentUser() user: AuthUser, @Body() body: ApproveGrantsDto): Promise<GrantRow[]> {
    return this.ledger.approve(actorOf(user), body.grantIds);
  }

  @Post('grants/:id/pay')
  @HttpCode(200)
  @Roles(...ORGANIZERS)
  @ApiOperation({ summary: 'Record the payment of an approved grant (once).' })
  @ApiConflictResponse({ description: 'GRANT_ALREADY_PAID, GRANT_STATUS' })
  pay(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: PayGrantDto,
  ): Promise<GrantRow> {
    return this.ledger.pay(actorOf(user), id, body.paymentRef);
  }
}
