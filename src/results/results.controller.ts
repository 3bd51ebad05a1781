import {
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Ip,
  Param,
  Post,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { notFound } from '../common/errors/app-error';
import { DocumentsService } from './documents.service';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, ORGANIZERS, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { AppealsService } from './appeals.service';
import {
  AppealDto,
  ApproveGrantsDto,
  DecideAppealDto,
  ExternalResultDto,
  PayGrantDto,
  PublishDto,
} from './dto/results.dto';
import { Appeal } from './entities/appeal.entity';
import { GrantRow } from './entities/grant.entity';
import { LedgerService, LedgerTotals } from './ledger.service';
import { MatchingService } from './matching.service';
import { PublicationService } from './publication.service';
import { EventResultsResponse, ResultsService } from './results.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const STAFF = [...ORGANIZERS, 'chief_judge' as const, 'supervisor' as const];

/** Results, publication, appeals, the awards ledger, matching and selection. */
@ApiTags('results and awards')
@ApiBearerAuth()
@Controller()
export class ResultsController {
  constructor(
    private readonly results: ResultsService,
    private readonly appeals: AppealsService,
    private readonly ledger: LedgerService,
    private readonly documents: DocumentsService,
    private readonly matching: MatchingService,
    private readonly publication: PublicationService,
  ) {}

  @Get('events/:id/results')
  @Roles(...STAFF)
  @ApiOperation({
    summary: 'The event results: rank, total, prize, titles, cash and upgrade per contestant.',
  })
  @ApiOkResponse()
  get(@Param('id', ParseIdPipe) id: number): Promise<EventResultsResponse> {
    return this.results.get(id);
  }

  @Post('events/:id/results/compute')
  @HttpCode(200)
  @Roles(...ORGANIZERS, 'chief_judge')
  @ApiOperation({
    summary:
      'Rank, assign prizes and grants from the locked, decrypted marks (again after an appeal).',
  })
  @ApiConflictResponse({ description: 'RESULTS_NOT_LOCKED, NOT_DECRYPTED, RESULTS_FINAL' })
  compute(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<EventResultsResponse> {
    return this.results.compute(actorOf(user), id);
  }

  @Post('events/:id/results/publish')
  @HttpCode(200)
  @Roles(...ORGANIZERS, 'chief_judge')
  @ApiOperation({
    summary:
      '公示: publish the results from start to end (at least the policy’s minimum, not starting in the past, unless the chief judge gives a reason); appeals until the deadline.',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'PUBLICATION_TOO_SHORT, PUBLICATION_IN_PAST, PUBLICATION_REASON_REQUIRED, CHIEF_CREDENTIALS_INVALID, CHIEF_ROLE_REQUIRED',
  })
  @ApiConflictResponse({ description: 'RESULTS_NOT_PROVISIONAL, PUBLICATION_DATES' })
  publish(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: PublishDto,
    @Ip() address: string,
  ): Promise<EventResultsResponse> {
    return this.publication.publish(actorOf(user), id, body, address);
  }

  @Post('events/:id/results/finalize')
  @HttpCode(200)
  @Roles(...ORGANIZERS)
  @ApiOperation({
    summary: 'Make the results final (publication over, appeals decided); frozen from then on.',
  })
  @ApiConflictResponse({
    description: 'PUBLICATION_NOT_OVER, APPEALS_OPEN, RESULTS_NOT_PUBLISHED, RESULTS_FINAL',
  })
  finalize(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<EventResultsResponse> {
    return this.results.finalize(actorOf(user), id);
  }

  @Get('events/:id/appeals')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Appeals against the event results.' })
  listAppeals(@Param('id', ParseIdPipe) id: number): Promise<Appeal[]> {
    return this.appeals.list(id);
  }

  @Post('events/:id/appeals')
  @Roles(...ORGANIZERS, 'contestant')
  @ApiOperation({
    summary:
      '申诉: file an appeal in writing before the deadline; a contestant only for an event they entered.',
  })
  @ApiForbiddenResponse({ description: 'NOT_YOUR_EVENT' })
  @ApiConflictResponse({
    description: 'APPEAL_DEADLINE_PASSED, RESULTS_FINAL, RESULTS_NOT_PUBLISHED',
  })
  fileAppeal(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: AppealDto,
  ): Promise<Appeal> {
    return this.appeals.file(user, id, body.text);
  }

  @Post('appeals/:id/decision')
  @HttpCode(200)
  @Roles('supervisor')
  @ApiOperation({
    summary:
      'Arbitration decides (final). An accepted appeal is carried out by the chief judge: unlock, correct, lock, recompute.',
  })
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: DecideAppealDto,
  ): Promise<Appeal> {
    return this.appeals.decide(actorOf(user), id, body.accept, body.decision);
  }

  @Post('editions/:id/grants/compute')
  @HttpCode(200)
  @Roles(...ORGANIZERS)
  @ApiOperation({
    summary: 'Grants from the final results: one per person and prize; re-running changes nothing.',
  })
  computeGrants(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number) {
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

  @Get('editions/:id/documents/:name')
  @Roles(...STAFF)
  @ApiOperation({
    summary:
      'award-list.xlsx (获奖名单), payout-list.xlsx (奖金发放表, by unit), upgrade-list.xlsx (职业资格晋升名单).',
  })
  @ApiProduces(XLSX)
  async document(
    @Param('id', ParseIdPipe) id: number,
    @Param('name') name: string,
  ): Promise<StreamableFile> {
    // A Map, not an object literal: `constructor` or `__proto__` must not find Object's members.
    const make = new Map([
      ['award-list.xlsx', () => this.documents.awardList(id)],
      ['payout-list.xlsx', () => this.documents.payoutList(id)],
      ['upgrade-list.xlsx', () => this.documents.upgradeList(id)],
    ]).get(name);
    if (!make) {
      throw notFound(
        'DOCUMENT_NOT_FOUND',
        'Documents: award-list.xlsx, payout-list.xlsx, upgrade-list.xlsx.',
      );
    }
    return new StreamableFile(await make(), {
      type: XLSX,
      disposition: `attachment; filename="${name}"`,
    });
  }

  @Get('grants/:id/certificate')
  @Roles(...STAFF)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({
    summary: 'The printable certificate (荣誉证书) of a prize grant, HTML for printing to A4.',
  })
  @ApiProduces('text/html')
  certificate(@Param('id', ParseIdPipe) id: number): Promise<string> {
    return this.documents.certificate(id);
  }

  @Get('events/:id/results/sheet')
  @Roles(...STAFF)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({
    summary:
      'The official results sheet with signature lines for the chief judge and the supervisor.',
  })
  @ApiProduces('text/html')
  sheet(@Param('id', ParseIdPipe) id: number): Promise<string> {
    return this.documents.resultsSheet(id);
  }

  @Post('external-results')
  @Roles(...ORGANIZERS)
  @ApiOperation({
    summary:
      'Record a provincial/national/world result; a qualifying one adds the 1:1 matching grant.',
  })
  recordExternal(@CurrentUser() user: AuthUser, @Body() body: ExternalResultDto) {
    return this.matching.recordExternal(actorOf(user), body);
  }
}
