import { Injectable, Logger } from '@nestjs/common';
import { toErrorBody } from '../common/errors/error-body';
import { editionRoom, eventRoom, JoinRequest } from './join-rules';
import { PublicEvents } from './public-events';
import { StandingsService } from './standings.service';

/** The answer to a join, wherever the socket lives: the room to enter and what to send back. */
export interface JoinAnswer {
  room: string | null;
  answer: unknown;
}

/** Answers `/live` joins for the in-process gateway and for the fan-out workers alike. */
@Injectable()
export class LiveRooms {
  private readonly logger = new Logger(LiveRooms.name);

  constructor(
    private readonly standings: StandingsService,
    private readonly publicEvents: PublicEvents,
  ) {}

  async answer(request: JoinRequest): Promise<JoinAnswer> {
    try {
      if (request.kind === 'edition') {
        await this.publicEvents.findPublicEdition(request.editionId);
        return {
          room: editionRoom(request.editionId),
          answer: { ok: true, editionId: request.editionId },
        };
      }
      const answer =
        request.since === undefined
          ? await this.standings.snapshot(request.eventId)
          : await this.standings.since(request.eventId, request.since as number);
      return { room: eventRoom(request.eventId), answer };
    } catch (error) {
      // Worded per socket by the gateway or the worker (localizeAnswer): code + params travel.
      const { code, message, params } = toErrorBody(error, 'en');
      if (code === 'INTERNAL_ERROR') {
        this.logger.error(error);
      }
      return { room: null, answer: { error: { code, message, ...(params ? { params } : {}) } } };
    }
  }
}
