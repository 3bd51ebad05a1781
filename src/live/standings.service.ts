import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EntityManager, MoreThan } from 'typeorm';
import { badRequest } from '../common/errors/app-error';
import { DomainEvents } from '../common/domain-events';
import { AppConfig } from '../config/app-config';
import { nowIso } from '../database/time';
import { lockRow } from '../database/row-lock';
import { UnitOfWork } from '../database/unit-of-work';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { LiveUpdate } from './live-update.entity';
import type { CatchUp, Snapshot } from '../common/live-events';
import { isFrozen, PublicEvents } from './public-events';
import { diffPublic, isScored, PublicRow } from './public-standings';
import { StandingsTable } from './standings-table';

export type { CatchUp, Snapshot };

/** Beyond this many missed updates a client gets a snapshot instead. */
const MAX_REPLAY = 100;

/**
 * How long a snapshot answers joins without asking the database again. When the hall's Wi-Fi
 * comes back, thousands of boards re-join within seconds; they all get the same table. This
 * instance's own publications and freezes replace it at once; another instance's reach it within
 * this time (a board that meanwhile saw a newer push asks `since` and is answered fresh).
 */
const SNAPSHOT_TTL_MS = 1000;

/**
 * The boards' update store: each change of an event's public table (StandingsTable projects it)
 * is stored as the event's next numbered update and announced, at most once per interval; boards
 * join from a short-lived snapshot and catch up from the stored updates; organizers freeze and
 * unfreeze the board here.
 */
@Injectable()
export class StandingsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(StandingsService.name);
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly lastPublished = new Map<number, number>();
  private readonly snapshots = new Map<number, { until: number; snapshot: Promise<Snapshot> }>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: DomainEvents,
    private readonly table: StandingsTable,
    private readonly publicEvents: PublicEvents,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.unsubscribe.push(
      this.events.on('module.locked', ({ eventId, moduleCode }) =>
        this.moduleChanged(eventId, moduleCode, true),
      ),
      this.events.on('module.unlocked', ({ eventId, moduleCode }) =>
        this.moduleChanged(eventId, moduleCode, false),
      ),
      this.events.on('results.locked', ({ eventId }) => this.schedule(eventId)),
      this.events.on('event.decrypted', ({ eventId }) => this.schedule(eventId)),
    );
  }

  onModuleDestroy(): void {
    this.unsubscribe.forEach((off) => off());
    this.timers.forEach((timer) => clearTimeout(timer));
  }

  snapshot(eventId: number): Promise<Snapshot> {
    const cached = this.snapshots.get(eventId);
    if (cached && cached.until > Date.now()) {
      return cached.snapshot;
    }
    const snapshot = this.readSnapshot(eventId);
    this.snapshots.set(eventId, { until: Date.now() + SNAPSHOT_TTL_MS, snapshot });
    // A refusal (not public) is not kept: the next join asks again.
    snapshot.catch(() => this.forget(eventId));
    return snapshot;
  }

  private forget(eventId: number): void {
    this.snapshots.delete(eventId);
  }

  private async readSnapshot(eventId: number): Promise<Snapshot> {
    const event = await this.publicEvents.findPublicEvent(eventId);
    const last = await this.lastUpdate(this.uow.reader, eventId);
    return {
      eventId,
      seq: last?.seq ?? 0,
      rows: last ? (JSON.parse(last.payload) as { rows: PublicRow[] }).rows : [],
      frozen: isFrozen(event),
      provisional: event.decryptedAt !== null && event.resultsPublishedAt === null,
    };
  }

  /** What a client that has seen `since` missed, or a snapshot when it missed too much. */
  async since(eventId: number, since: number): Promise<CatchUp | Snapshot> {
    let snapshot = await this.snapshot(eventId);
    if (Number.isInteger(since) && since > snapshot.seq) {
      // The board saw a push newer than the kept snapshot (another instance published it).
      this.forget(eventId);
      snapshot = await this.snapshot(eventId);
    }
    if (!Number.isInteger(since) || since < 0 || since > snapshot.seq) {
      throw badRequest('SINCE_INVALID', `since must be between 0 and ${snapshot.seq}.`, {
        current: snapshot.seq,
      });
    }
    if (snapshot.seq - since > MAX_REPLAY) {
      return snapshot;
    }
    const rows = await this.uow.reader.find(LiveUpdate, {
      where: { eventId, seq: MoreThan(since), kind: 'standings' },
      order: { seq: 'ASC' },
    });
    return {
      eventId,
      seq: snapshot.seq,
      updates: rows.map((r) => {
        const { changes, removed } = JSON.parse(r.payload) as {
          changes: PublicRow[];
          removed: number[];
        };
        return { seq: r.seq, changes, removed };
      }),
    };
  }

  /**
   * Coalesces: at most one publication per event per interval. A change after a quiet spell is
   * published at once; changes that follow it within the interval wait for the interval's end
   * and go out together.
   */
  schedule(eventId: number): void {
    if (this.timers.has(eventId)) {
      return;
    }
    const wait = Math.max(
      0,
      (this.lastPublished.get(eventId) ?? 0) + this.config.LIVE_INTERVAL_MS - Date.now(),
    );
    this.timers.set(
      eventId,
      setTimeout(() => {
        this.timers.delete(eventId);
        this.lastPublished.set(eventId, Date.now());
        this.publish(eventId).catch((error: unknown) => this.logger.error(error));
      }, wait),
    );
  }

  private moduleChanged(eventId: number, code: string, locked: boolean): void {
    this.table.moduleChanged(eventId, code, locked);
    this.schedule(eventId);
  }

  /** Computes the visible table, stores the difference as the next update and announces it. */
  async publish(eventId: number): Promise<void> {
    const event = await this.uow.reader.findOneBy(CompetitionEvent, { id: eventId });
    if (!event || isFrozen(event)) {
      return;
    }
    const rows = await this.table.publicRows(event);
    const stored = await this.uow.run(async (manager) => {
      // One numbered update at a time per event (two publishes at once would take one seq).
      await lockRow(manager, CompetitionEvent, eventId);
      const last = await this.lastUpdate(manager, eventId);
      const previous = last ? (JSON.parse(last.payload) as { rows: PublicRow[] }).rows : [];
      const { changes, removed } = diffPublic(previous, rows);
      if (changes.length === 0 && removed.length === 0) {
        return null;
      }
      const seq = (last?.seq ?? 0) + 1;
      await manager.insert(LiveUpdate, {
        editionId: event.editionId,
        eventId,
        seq,
        kind: 'standings',
        payload: JSON.stringify({ changes, removed, rows }),
        at: nowIso(),
      });
      return { seq, changes, removed };
    });
    if (stored) {
      this.forget(eventId);
    }
    // Stored either way (the board catches up once the event is published), pushed only if public.
    const shown = stored
      ? await this.publicEvents.findPublicEvent(eventId).catch(() => null)
      : null;
    if (stored && shown) {
      this.events.emit('live.published', {
        editionId: event.editionId,
        eventId,
        ...stored,
        leaders: rows.filter(isScored).slice(0, 3),
      });
    }
  }

  /** Freezing and unfreezing are organizer actions; the next publication reveals what was held. */
  async setFrozen(eventId: number, frozen: boolean): Promise<void> {
    const at = nowIso();
    await this.uow.run((m) =>
      m.update(
        CompetitionEvent,
        { id: eventId },
        frozen ? { freezeAt: at, unfrozenAt: null } : { unfrozenAt: at },
      ),
    );
    this.forget(eventId);
    const event = await this.publicEvents.findPublicEvent(eventId).catch(() => null);
    if (event) {
      this.events.emit('live.frozen', { editionId: event.editionId, eventId, frozen });
    }
    if (!frozen) {
      await this.publish(eventId);
    }
  }

  private async lastUpdate(manager: EntityManager, eventId: number): Promise<LiveUpdate | null> {
    return manager.findOne(LiveUpdate, { where: { eventId }, order: { seq: 'DESC' } });
  }
}
