import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth/decorators';
import { badRequest } from '../common/errors/app-error';
import { ParseIdPipe } from '../common/id.pipe';
import { ApiFileResponse } from '../common/upload';
import { FEED_PAGE, LiveFeedService } from './live-feed.service';

const FEED_POLL_MS = 500;
const FEED_HEARTBEAT_MS = 15_000;

@ApiTags('live')
@Controller()
export class FeedController {
  constructor(private readonly feed: LiveFeedService) {}

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
  @ApiFileResponse('application/x-ndjson', 'One JSON update per line; a blank line every 15 s')
  @ApiQuery({ name: 'since', required: false })
  @ApiQuery({ name: 'follow', required: false })
  async stream(
    @Param('id', ParseIdPipe) editionId: number,
    @Query('since') sinceText: string | undefined,
    @Query('follow') follow: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.feed.assertPublic(editionId);
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
      const lines = await this.feed.page(editionId, last);
      for (const line of lines) {
        res.write(`${JSON.stringify(line)}\n`);
        last = line.id;
      }
      return lines.length;
    };
    while ((await drain()) === FEED_PAGE) {
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
