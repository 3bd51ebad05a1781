import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EntityManager, MoreThan } from 'typeorm';
import { badRequest, notFound } from '../common/errors/app-error';
import { DomainEvents } from '../common/domain-events';
import { AppConfig } from '../config/app-config';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { DEFAULT_RANKING } from '../domain/ranking';
import { applyModule, computeStandings, StandingRow, StandingsConfig } from '../domain/standings';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';
import { Entry } from '../registration/entities/entry.entity';
import { ScoringService } from '../judging/scoring.service';
import { LiveUpdate } from './live-update.entity';
import type { CatchUp, Snapshot } from './live-events';
import { diffPublic, isScored, PublicRow, toPublicRows } from './public-standings';

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
 * Standings per event, from what is visible: module locks are applied incrementally to the
 * in-memory table (a full recompute when there is none), each change is stored as the event's
 * next numbered update and announced; boards catch up from the stored updates.
 */
@Injectable()
export class StandingsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(StandingsService.name);
  private readonly tables = new Map<number, StandingRow[]>();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private readonly lastPublished = new Map<number, number>();
  private readonly pendingModules = new Map<number, { code: string; locked: boolean }[]>();
  private readonly snapshots = new Map<number, { until: number; snapshot: Promise<Snapshot> }>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: DomainEvents,
    private readonly scoring: ScoringService,
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

  /** The public event: published, in a published edition; anything else is "not found". */
  async findPublicEvent(eventId: number): Promise<CompetitionEvent> {
    const event = await this.uow.reader.findOneBy(CompetitionEvent, { id: eventId });
    const edition = event
      ? await this.uow.reader.findOneBy(Edition, { id: event.editionId })
      : null;
    if (!event || event.status !== 'published' || !edition || edition.status === 'draft') {
      throw notFound('EVENT_NOT_FOUND', `No published event with id ${eventId}.`);
    }
    return event;
  }

  /** The public edition: anything but a draft; else "not found". */
  async findPublicEdition(editionId: number): Promise<Edition> {
    const edition = await this.uow.reader.findOneBy(Edition, { id: editionId });
    if (!edition || edition.status === 'draft') {
      throw notFound('EDITION_NOT_FOUND', `No published edition with id ${editionId}.`);
    }
    return edition;
  }

  /** The edition's events the public may see (a draft event inside it is not one of them). */
  async publicEventIds(editionId: number): Promise<number[]> {
    const events = await this.uow.reader.find(CompetitionEvent, {
      where: { editionId, status: 'published' },
      select: { id: true },
    });
    return events.map((e) => e.id);
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
    const event = await this.findPublicEvent(eventId);
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
    this.pendingModules.set(eventId, [
      ...(this.pendingModules.get(eventId) ?? []),
      { code, locked },
    ]);
    this.schedule(eventId);
  }

  /** Computes the visible table, stores the difference as the next update and announces it. */
  async publish(eventId: number): Promise<void> {
    const event = await this.uow.reader.findOneBy(CompetitionEvent, { id: eventId });
    if (!event || isFrozen(event)) {
      return;
    }
    const table = await this.currentTable(event);
    const visible = visibleRows(event, table);
    const names = event.decryptedAt ? await this.namesOf(eventId) : null;
    const rows = toPublicRows(visible, names);
    const stored = await this.uow.run(async (manager) => {
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
    const shown = stored ? await this.findPublicEvent(eventId).catch(() => null) : null;
    if (stored && shown) {
      this.events.emit('live.published', {
        editionId: event.editionId,
        eventId,
        ...stored,
        leaders: rows.filter(isScored).slice(0, 3),
      });
    }
  }

  /** Lock by lock when the table is in memory; from scratch when it is not (start, other instance). */
  private async currentTable(event: CompetitionEvent): Promise<StandingRow[]> {
    const config = standingsConfig(event);
    const pending = this.pendingModules.get(event.id) ?? [];
    this.pendingModules.delete(event.id);
    const scores = await this.scoring.scoreEvent(this.uow.reader, event.id, { lockedOnly: true });
    const workstations = await this.workstations(event.id);
    let table = this.tables.get(event.id);
    if (table && pending.length > 0) {
      for (const change of pending) {
        const marks = change.locked
          ? new Map(
              scores
                .filter(
                  (s) => s.modules[change.code] !== null && s.modules[change.code] !== undefined,
                )
                .map((s) => [s.entryId, s.modules[change.code] as number]),
            )
          : null;
        table = applyModule(table, change.code, marks, config);
      }
    } else {
      table = computeStandings(
        scores.map((s) => ({
          entryId: s.entryId,
          workstationNo: workstations.get(s.entryId) ?? null,
          modules: Object.fromEntries(
            Object.entries(s.modules).filter(([, m]) => m !== null),
          ) as Record<string, number>,
          theory: s.theory,
          timeUsedSeconds: s.timeUsedSeconds,
        })),
        config,
      );
    }
    this.tables.set(event.id, table);
    return table;
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
    const event = await this.findPublicEvent(eventId).catch(() => null);
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

  private async workstations(eventId: number): Promise<Map<number, number>> {
    const entries = await this.uow.reader.find(Entry, { where: { eventId, status: 'approved' } });
    return new Map(
      entries.filter((e) => e.workstationNo !== null).map((e) => [e.id, e.workstationNo as number]),
    );
  }

  private async namesOf(eventId: number): Promise<Map<number, { name: string; unitName: string }>> {
    const entries = await this.uow.reader.find(Entry, {
      where: { eventId },
      relations: { contestant: { unit: true } },
    });
    return new Map(
      entries.map((e) => [
        e.id,
        { name: e.contestant?.name ?? '', unitName: e.contestant?.unit?.name ?? '' },
      ]),
    );
  }
}

export function isFrozen(event: CompetitionEvent, now = nowIso()): boolean {
  return (
    event.freezeAt !== null &&
    now >= event.freezeAt &&
    !(event.unfrozenAt !== null && event.unfrozenAt >= event.freezeAt)
  );
}

function visibleRows(event: CompetitionEvent, table: StandingRow[]): StandingRow[] {
  switch (event.liveVisibility) {
    case 'locked-modules':
      return table;
    case 'after-lock':
      return event.resultsLockedAt ? table : [];
    case 'after-publication':
      return event.resultsPublishedAt ? table : [];
  }
}

function standingsConfig(event: CompetitionEvent): StandingsConfig {
  return {
    theoryWeight: event.theoryWeight,
    practicalWeight: event.practicalWeight,
    ranking: DEFAULT_RANKING,
  };
}
