import { Injectable } from '@nestjs/common';
import { In, MoreThan } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { LiveUpdate } from './live-update.entity';
import { PublicEvents } from './public-events';

/** How many stored updates one read of the feed takes. */
export const FEED_PAGE = 500;

/** One line of the NDJSON feed: a stored update of one of the edition's public events. */
export interface FeedLine {
  id: number;
  eventId: number;
  seq: number;
  kind: string;
  at: string;
  changes: unknown[];
  removed: number[];
}

/** The edition's stored board updates, for external displays, page by page. */
@Injectable()
export class LiveFeedService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly publicEvents: PublicEvents,
  ) {}

  /** Fails with EDITION_NOT_FOUND unless the edition is public. */
  async assertPublic(editionId: number): Promise<void> {
    await this.publicEvents.findPublicEdition(editionId);
  }

  /** Up to FEED_PAGE updates after the feed id `after`, of the events the public may see. */
  async page(editionId: number, after: number): Promise<FeedLine[]> {
    // Only the events the public may see: a draft event's standings stay inside.
    const eventIds = await this.publicEvents.publicEventIds(editionId);
    if (eventIds.length === 0) {
      return [];
    }
    const rows = await this.uow.reader.find(LiveUpdate, {
      where: { editionId, eventId: In(eventIds), id: MoreThan(after) },
      order: { id: 'ASC' },
      take: FEED_PAGE,
    });
    return rows.map((row) => {
      const { changes, removed } = JSON.parse(row.payload) as {
        changes: unknown[];
        removed: number[];
      };
      return {
        id: row.id,
        eventId: row.eventId,
        seq: row.seq,
        kind: row.kind,
        at: row.at,
        changes,
        removed,
      };
    });
  }
}
