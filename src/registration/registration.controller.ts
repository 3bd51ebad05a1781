import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, ORGANIZERS, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { ContestantResponse } from './dto/contestant.dto';
import {
  EntryQueryDto,
  EntryResponse,
  ReviewEntriesDto,
  ReviewResultResponse,
  SubmitEntryDto,
} from './dto/entry.dto';
import { CreateUnitDto, UnitResponse, UpdateUnitDto } from './dto/unit.dto';
import { EntriesService } from './entries.service';
import { RegistrationService } from './registration.service';
import { UnitsService } from './units.service';

class ContestantQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) unitId?: number;
  @IsOptional() @IsString() @MaxLength(50) q?: string;
}

/** Only organizers see whole ID numbers; the chief judge and supervisors see them masked. */
const revealsId = (user: AuthUser) => ORGANIZERS.includes(user.role);

@ApiTags('registration')
@ApiBearerAuth()
@Controller()
export class RegistrationController {
  constructor(
    private readonly units: UnitsService,
    private readonly registration: RegistrationService,
    private readonly entries: EntriesService,
  ) {}

  @Get('units')
  @Roles(...ORGANIZERS)
  @ApiOperation({ summary: '推荐单位 with the number of contestants each recommends.' })
  @ApiOkResponse({ type: [UnitResponse] })
  listUnits(): Promise<UnitResponse[]> {
    return this.units.list();
  }

  @Post('units')
  @Roles(...ORGANIZERS)
  @ApiOperation({ summary: 'Create a recommending unit.' })
  @ApiCreatedResponse({ type: UnitResponse })
  @ApiConflictResponse({ description: 'UNIT_NAME_TAKEN' })
  createUnit(@CurrentUser() user: AuthUser, @Body() body: CreateUnitDto): Promise<UnitResponse> {
    return this.units.create(actorOf(user), body);
  }

  @Patch('units/:id')
  @Roles(...ORGANIZERS)
  @ApiOperation({ summary: 'Change a recommending unit.' })
  @ApiOkResponse({ type: UnitResponse })
  updateUnit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateUnitDto,
  ): Promise<UnitResponse> {
    return this.units.update(actorOf(user), id, body);
  }

  @Get('contestants')
  @Roles(...ORGANIZERS, 'chief_judge', 'supervisor')
  @ApiOperation({
    summary: 'Contestants (one person across editions); ID numbers masked except for organizers.',
  })
  @ApiOkResponse({ type: [ContestantResponse] })
  listContestants(
    @CurrentUser() user: AuthUser,
    @Query() query: ContestantQueryDto,
  ): Promise<ContestantResponse[]> {
    return this.units.contestantsOf(query, revealsId(user));
  }

  @Post('entries')
  @Roles(...ORGANIZERS)
  @ApiOperation({
    summary:
      'Submit an entry; the person is matched by ID number; every eligibility rule is checked.',
  })
  @ApiCreatedResponse({ type: EntryResponse })
  @ApiUnprocessableEntityResponse({
    description: 'ID_* (the ID number), ENTRY_INELIGIBLE (details: every failed rule)',
  })
  @ApiConflictResponse({ description: 'ENTRY_DUPLICATE' })
  submit(@CurrentUser() user: AuthUser, @Body() body: SubmitEntryDto): Promise<EntryResponse> {
    return this.registration.submit(actorOf(user), body);
  }

  @Get('editions/:id/entries')
  @Roles(...ORGANIZERS, 'chief_judge', 'supervisor')
  @ApiOperation({ summary: "An edition's entries, filtered by event, unit, status or text." })
  @ApiOkResponse({ type: [EntryResponse] })
  listEntries(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Query() query: EntryQueryDto,
  ): Promise<EntryResponse[]> {
    return this.entries.list(id, query, revealsId(user));
  }

  @Post('entries/review')
  @HttpCode(200)
  @Roles(...ORGANIZERS)
  @ApiOperation({
    summary: 'Approve, reject (reason) or withdraw (reason) entries in bulk; all or none.',
  })
  @ApiOkResponse({ type: ReviewResultResponse })
  @ApiConflictResponse({ description: 'ENTRY_STATUS_CONFLICT, DRAW_ALREADY_DONE' })
  review(
    @CurrentUser() user: AuthUser,
    @Body() body: ReviewEntriesDto,
  ): Promise<ReviewResultResponse> {
    return this.entries.review(actorOf(user), body);
  }
}
