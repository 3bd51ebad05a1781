import { Body, Controller, Delete, Get, HttpCode, Param, Patch } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actorOf, AuthUser } from '../auth/auth-user';
import { CurrentUser, ORGANIZERS, Public, Roles } from '../auth/decorators';
import { ParseIdPipe } from '../common/id.pipe';
import { EventResponse, UpdateEventDto } from './dto/event.dto';
import { seesDrafts } from './editions.controller';
import { EventsService } from './events.service';

@ApiTags('events')
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Public()
  @Get(':id')
  @ApiOperation({ summary: 'One event (赛项).' })
  @ApiOkResponse({ type: EventResponse })
  @ApiNotFoundResponse({ description: 'EVENT_NOT_FOUND' })
  get(
    @Param('id', ParseIdPipe) id: number,
    @CurrentUser() user?: AuthUser,
  ): Promise<EventResponse> {
    return this.events.get(id, seesDrafts(user));
  }

  @Patch(':id')
  @Roles(...ORGANIZERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change an event.' })
  @ApiOkResponse({ type: EventResponse })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateEventDto,
  ): Promise<EventResponse> {
    return this.events.update(actorOf(user), id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles(...ORGANIZERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Delete an event.' })
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.events.remove(actorOf(user), id);
  }
}
