import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { In, MoreThan } from 'typeorm';
import { ORGANIZERS, Public, Roles } from '../auth/decorators';
import { badRequest, notFound } from '../common/errors/app-error';
import { Edition } from '../editions/entities/edition.entity';
import { ParseIdPipe } from '../common/id.pipe';
import { UnitOfWork } from '../database/unit-of-work';
import { LiveUpdate } from './live-update.entity';
import { Snapshot, StandingsService } from './standings.service';

const FEED_POLL_MS = 500;
const FEED_HEARTBEAT_MS = 15_000;

@ApiTags('live')
@Controller()
export class LiveController {
  constructor(
    private readonly standings: StandingsService,
    private readonly uow: UnitOfWork,
  ) {}

  @Public()
  @Get('events/:id/standings')
  @ApiOperation({ summary: 'The public standings of an event and their sequence number.' })
  @ApiOkResponse()
  snapshot(@Param('id', ParseIdPipe) id: number): Promise<Snapshot> {
    return this.standings.snapshot(id);
  }

  @Post('events/:id/freeze')
  @HttpCode(200)
  @Roles(...ORGANIZERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Hold the public board still from now on (a reveal moment).' })
  async freeze(@Param('id', ParseIdPipe) id: number): Promise<Snapshot> {
    await this.standings.setFrozen(id, true);
    return this.standings.snapshot(id);
  }

  @Post('events/:id/unfreeze')
  @HttpCode(200)
  @Roles(...ORGANIZERS)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Reveal what the board held back while frozen.' })
  async unfreeze(@Param('id', ParseIdPipe) id: number): Promise<Snapshot> {
    await this.standings.setFrozen(id, false);
    return this.standings.snapshot(id);
  }

  /**
   * Newline-delimited JSON for external displays: every stored update of the edition after
   * `since` (the `id` of the last line seen), then new ones as they come. `follow=false` ends
   * after the backlog.
   */
  @Public()
  @Get('editions/:id/feed')
  @ApiOperation({
    summary: 'NDJSON stream of standings updates of an edition, resumable from a sequence number.',
  })
  @ApiProduces('application/x-ndjson')
  @ApiQuery({ name: 'since', required: false })
  @ApiQuery({ name: 'follow', required: false })
  async feed(
    @Param('id', ParseIdPipe) editionId: number,
    @Query('since') sinceText: string | undefined,
    @Query('follow') follow: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const edition = await this.uow.reader.findOneBy(Edition, { id: editionId });
    if (!edition || edition.status === 'draft') {
      throw notFound('EDITION_NOT_FOUND', `No published edition with id ${editionId}.`);
    }
    const since = sinceText === undefined ? 0 : Number(sinceText);
    if (!Number.isSafeInteger(since) || since < 0) {
      throw badRequest('SINCE_INVALID', 'since must be a whole number ≥ 0.');
    }
    res.status(200).setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    let last = since;
    let closed = false;
    req.on('close', () => (closed = true));
    const drain = async () => {
      // Only the events the public may see: a draft event's standings stay inside.
      const eventIds = await this.standings.publicEventIds(editionId);
      if (eventIds.length === 0) {
        return 0;
      }
      const rows = await this.uow.reader.find(LiveUpdate, {
        where: { editionId, eventId: In(eventIds), id: MoreThan(last) },
        order: { id: 'ASC' },
        take: 500,
      });
      for (const row of rows) {
        const { changes, removed } = JSON.parse(row.payload) as {
          changes: unknown[];
          removed: number[];
        };
        res.write(
          `${JSON.stringify({ id: row.id, eventId: row.eventId, seq: row.seq, kind: row.kind, at: row.at, changes, removed })}\n`,
        );
        last = row.id;
      }
      return rows.length;
    };
    while ((await drain()) === 500) {
      // keep draining the backlog
    }
    if (follow === 'false') {
      res.end();
      return;
    }
    let quiet = 0;
    while (!closed) {
      await new Promise((r) => setTimeout(r, FEED_POLL_MS));
      if (closed) {
        break;
      }
      quiet = (await drain()) > 0 ? 0 : quiet + FEED_POLL_MS;
      if (quiet >= FEED_HEARTBEAT_MS) {
        res.write('\n');
        quiet = 0;
      }
    }
    res.end();
  }
}
