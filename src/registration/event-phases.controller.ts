import { Body, Controller, Get, HttpCode, Ip, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, ORGANIZERS, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { CheckInService } from './check-in.service';
import { CheckInDto, DecryptDto, DecryptResponse, DrawDto } from './dto/check-in.dto';
import { EntryResponse } from './dto/entry.dto';
import { DrawService } from './draw.service';
import { CodeMapRowResponse, CodesGeneratedResponse, DrawResponse } from './dto/draw.dto';
import { EncryptionService } from './encryption.service';

/** The day's phases of one event: draw (抽签), check-in (检录), codes (加密) and decryption. */
@ApiTags('draw, check-in, codes')
@ApiBearerAuth()
@Controller('events/:id')
export class EventPhasesController {
  constructor(
    private readonly draws: DrawService,
    private readonly checkIns: CheckInService,
    private readonly encryption: EncryptionService,
  ) {}

  @Post('draw')
  @Roles(...ORGANIZERS, 'chief_judge')
  @ApiOperation({
    summary:
      'Draw workstation numbers (CSPRNG seed, committed); a redraw only by the chief judge with a reason.',
  })
  @ApiOkResponse({ type: DrawResponse })
  @ApiConflictResponse({
    description: 'DRAW_ALREADY_DONE, NOTHING_TO_DRAW, CODES_ALREADY_GENERATED',
  })
  draw(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: DrawDto,
  ): Promise<DrawResponse> {
    return this.draws.draw(actorOf(user), id, body.reason);
  }

  @Get('draws')
  @Roles(...ORGANIZERS, 'chief_judge', 'supervisor')
  @ApiOperation({
    summary: 'Every draw of the event with its seed, commitment and a recomputed verification.',
  })
  @ApiOkResponse({ type: [DrawResponse] })
  drawHistory(@Param('id', ParseIdPipe) id: number): Promise<DrawResponse[]> {
    return this.draws.history(id);
  }

  @Get('roster')
  @Roles(...ORGANIZERS, 'chief_judge')
  @ApiOperation({ summary: 'Approved entries in workstation order, with check-in state (检录台).' })
  @ApiOkResponse({ type: [EntryResponse] })
  roster(@Param('id', ParseIdPipe) id: number): Promise<EntryResponse[]> {
    return this.checkIns.roster(id);
  }

  @Post('check-in')
  @HttpCode(200)
  @Roles(...ORGANIZERS, 'chief_judge')
  @ApiOperation({
    summary: 'Mark present or absent by ID number or entry number; late arrivals are flagged.',
  })
  @ApiOkResponse({ type: EntryResponse })
  checkIn(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: CheckInDto,
  ): Promise<EntryResponse> {
    return this.checkIns.checkIn(actorOf(user), id, body);
  }

  @Post('codes')
  @Roles('encryption_judge')
  @ApiOperation({
    summary: 'Generate the two-layer blind codes for the checked-in entries (encryption judge).',
  })
  @ApiOkResponse({ type: CodesGeneratedResponse })
  @ApiConflictResponse({ description: 'CODES_ALREADY_GENERATED, NOT_DRAWN, CHECK_IN_INCOMPLETE' })
  generateCodes(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<CodesGeneratedResponse> {
    return this.encryption.generate(actorOf(user), id);
  }

  @Get('code-map')
  @Roles('encryption_judge', ...ORGANIZERS, 'chief_judge', 'supervisor')
  @ApiOperation({
    summary:
      'The sealed map: the encryption judge only, until the results are locked and decrypted.',
  })
  @ApiOkResponse({ type: [CodeMapRowResponse] })
  @ApiForbiddenResponse({ description: 'CODE_MAP_SEALED' })
  codeMap(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<CodeMapRowResponse[]> {
    return this.encryption.codeMap(user, id);
  }

  @Post('decrypt')
  @HttpCode(200)
  @Roles('chief_judge')
  @ApiOperation({
    summary:
      "Decrypt after the results are locked: opened by the chief judge, confirmed by the supervisor's own credentials (422 SUPERVISOR_CREDENTIALS_INVALID / SUPERVISOR_ROLE_REQUIRED, 429 LOGIN_THROTTLED).",
  })
  @ApiOkResponse({ type: DecryptResponse })
  @ApiConflictResponse({
    description: 'RESULTS_NOT_LOCKED, ALREADY_DECRYPTED, CODES_NOT_GENERATED',
  })
  decrypt(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: DecryptDto,
    @Ip() address: string,
  ): Promise<DecryptResponse> {
    return this.encryption.decrypt(user, id, body, address);
  }
}
