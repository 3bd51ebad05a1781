import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { eventOptions } from '../domain/event-rules';
import { applyModule, computeStandings, StandingRow, StandingsConfig } from '../domain/standings';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { ScoringService } from '../judging/scoring.service';
import { Entry } from '../registration/entities/entry.entity';
import { PublicRow, toPublicRows } from './public-standings';

/**
 * The board's table projection: an event's standings from its locked modules, kept in memory and
 * moved lock by lock (a full recompute when there is none), cut to what the event lets the public
 * see, with names once it is decrypted.
 */
@Injectable()
export class StandingsTable {
  private readonly tables = new Map<number, StandingRow[]>();
  private readonly pendingModules = new Map<number, { code: string; locked: boolean }[]>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly scoring: ScoringService,
  ) {}

  /** A module was locked or unlocked: applied to the kept table at the next projection. */
  moduleChanged(eventId: number, code: string, locked: boolean): void {
    this.pendingModules.set(eventId, [
      ...(this.pendingModules.get(eventId) ?? []),
      { code, locked },
    ]);
  }

  /** The rows the public may see now. */
  async publicRows(event: CompetitionEvent): Promise<PublicRow[]> {
    const table = await this.currentTable(event);
    const visible = visibleRows(event, table);
    const names = event.decryptedAt ? await this.namesOf(event.id) : null;
    return toPublicRows(visible, names);
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

/** The board ranks as the results do: the event's own chain, from the one reading of its rules. */
function standingsConfig(event: CompetitionEvent): StandingsConfig {
  const { weights, ranking } = eventOptions(event);
  return { ...weights, ranking };
}
