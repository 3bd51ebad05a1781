import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, ORGANIZERS, Public, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import {
  CreateEditionDto,
  EditionResponse,
  EditionWriteResponse,
  UpdateEditionDto,
} from './dto/edition.dto';
import { CreateEventDto, EventResponse } from './dto/event.dto';
import { EditionsService } from './editions.service';
import { EventsService } from './events.service';

/**
 * Organizers see drafts; so does the encryption judge, whose desk lists them marked as drafts
 * with a hint rather than having an edition vanish from it.
 */
export const seesDrafts = (user?: AuthUser) =>
  user !== undefined && (ORGANIZERS.includes(user.role) || user.role === 'encryption_judge');

@ApiTags('editions')
@Controller('editions')
export class EditionsController {
  constructor(
    private readonly editions: EditionsService,
    private readonly eventsService: EventsService,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Editions (届); drafts only for organizers.' })
  @ApiOkResponse({ type: [EditionResponse] })
  list(@CurrentUser() user?: AuthUser): Promise<EditionResponse[]> {
    return this.editions.list(seesDrafts(user));
  }

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'One edition.' })
  @ApiOkResponse({ type: EditionResponse })
  @ApiNotFoundResponse({ description: 'EDITION_NOT_FOUND' })
  get(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user?: AuthUser,
  ): Promise<EditionResponse> {
    return this.editions.get(id, seesDrafts(user));
  }

  @Post()
  @Roles(...ORGANIZERS)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Create an edition; a year off the two-year cadence is accepted with a warning.',
  })
  @ApiCreatedResponse({ type: EditionWriteResponse })
  @ApiConflictResponse({ description: 'EDITION_YEAR_TAKEN' })
  create(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateEditionDto,
  ): Promise<EditionWriteResponse> {
    return this.editions.create(actorOf(user), body);
  }

  @Patch(':id')
  @Roles(...ORGANIZERS)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'Change an edition, or the reward policy it follows (not once it is closed or has final results).',
  })
  @ApiOkResponse({ type: EditionWriteResponse })
  @ApiConflictResponse({ description: 'EDITION_YEAR_TAKEN, EDITION_POLICY_FROZEN' })
  @ApiUnprocessableEntityResponse({ description: 'POLICY_NOT_FOUND' })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateEditionDto,
  ): Promise<EditionWriteResponse> {
    return this.editions.update(actorOf(user), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...ORGANIZERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Delete an edition that has no events.' })
  @ApiNoContentResponse()
  @ApiConflictResponse({ description: 'EDITION_HAS_EVENTS' })
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.editions.remove(actorOf(user), id);
  }

  @Public()
  @Get(':id/events')
  @ApiOperation({ summary: "An edition's events (赛项); drafts only for organizers." })
  @ApiOkResponse({ type: [EventResponse] })
  listEvents(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user?: AuthUser,
  ): Promise<EventResponse[]> {
    return this.eventsService.listForEdition(id, seesDrafts(user));
  }

  @Post(':id/events')
  @Roles(...ORGANIZERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create an event in the edition.' })
  @ApiCreatedResponse({ type: EventResponse })
  @ApiConflictResponse({ description: 'EVENT_DUPLICATE (same occupation and group)' })
  @ApiUnprocessableEntityResponse({ description: 'WEIGHTS_INVALID (theory + practical ≠ 100)' })
  createEvent(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: CreateEventDto,
  ): Promise<EventResponse> {
    return this.eventsService.create(actorOf(user), id, body);
  }
}
