import { Injectable } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { User } from '../auth/entities/user.entity';
import { notFound } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Contestant } from '../registration/entities/contestant.entity';
import { Entry } from '../registration/entities/entry.entity';
import { isScored } from '../live/public-standings';
import { StandingsService } from '../live/standings.service';
import { AppealsService } from '../results/appeals.service';
import { LedgerService } from '../results/ledger.service';
import { ResultsService } from '../results/results.service';
import {
  MyContestantResponse,
  MyEntryResponse,
  MyGrantResponse,
  toMyAppeal,
  toMyGrant,
  toMyResult,
} from './dto/me.dto';

/** Results a contestant may see of their own: those the public sees too (公示 and after). */
const visible = (event: CompetitionEvent) =>
  event.resultsStatus === 'published' || event.resultsStatus === 'final';

/**
 * A contestant's own record: entries across editions, their published results, grants and
 * appeals. Results, grants and appeals come from their own services, narrowed to this person.
 */
@Injectable()
export class MeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly results: ResultsService,
    private readonly ledger: LedgerService,
    private readonly appeals: AppealsService,
    private readonly standings: StandingsService,
  ) {}

  async contestant(user: AuthUser): Promise<MyContestantResponse> {
    const m = this.uow.reader;
    const account = await m.findOneBy(User, { id: user.id });
    const contestant = account?.contestantId
      ? await m.findOne(Contestant, {
          where: { id: account.contestantId },
          relations: { unit: true },
        })
      : null;
    if (!contestant) {
      throw notFound(
        'CONTESTANT_NOT_LINKED',
        'This account is not linked to a contestant; ask the organizing committee.',
      );
    }
    const rows = await m.find(Entry, {
      where: { contestantId: contestant.id },
      relations: { event: { edition: true } },
      order: { editionId: 'DESC', id: 'ASC' },
    });
    const now = nowIso();
    const entries: MyEntryResponse[] = [];
    for (const e of rows) {
      const event = e.event!;
      const line = visible(event)
        ? (await this.results.get(event.id)).rows.find((r) => r.entryId === e.id)
        : undefined;
      entries.push({
        entryId: e.id,
        entryNo: e.entryNo,
        editionId: e.editionId,
        editionYear: event.edition!.year,
        editionName: event.edition!.name,
        eventId: event.id,
        eventName: event.name,
        group: e.contestantGroup,
        status: e.status,
        statusReason: e.statusReason,
        workstationNo: e.workstationNo,
        checkInStatus: e.checkInStatus,
        checkedInAt: e.checkedInAt,
        late: e.late,
        resultsStatus: event.resultsStatus,
        publicationEnd: visible(event) ? event.publicationEnd : null,
        appealDeadline: visible(event) ? event.appealDeadline : null,
        appealOpen:
          event.resultsStatus === 'published' &&
          event.appealDeadline !== null &&
          now <= event.appealDeadline,
        result: line ? toMyResult(line) : null,
        provisional: visible(event) ? null : await this.boardRow(event, e.workstationNo),
      });
    }
    return {
      contestant: {
        id: contestant.id,
        name: contestant.name,
        unitName: contestant.unit?.name ?? '',
      },
      entries,
      grants: await this.grants(contestant.id, rows),
      appeals: (await this.appeals.filedBy(user.id)).map(toMyAppeal),
    };
  }

  /**
   * Between decryption and 公示 the public board shows names, ranks and totals marked 暂定; the
   * contestant sees the same row, marked the same way (the board's own snapshot: one source).
   */
  private async boardRow(event: CompetitionEvent, workstationNo: number | null) {
    if (event.decryptedAt === null || workstationNo === null) {
      return null;
    }
    const snapshot = await this.standings.snapshot(event.id).catch(() => null);
    const row = snapshot?.rows.find((r) => r.workstationNo === workstationNo);
    return snapshot?.provisional && row && isScored(row)
      ? { rank: row.rank, tied: row.tied, total: row.total }
      : null;
  }

  /** Grants are per edition in the ledger; a person's are in the editions they entered. */
  private async grants(contestantId: number, entries: Entry[]): Promise<MyGrantResponse[]> {
    const eventName = new Map(entries.map((e) => [e.eventId, e.event!.name]));
    const grants: MyGrantResponse[] = [];
    for (const editionId of new Set(entries.map((e) => e.editionId))) {
      for (const g of await this.ledger.list(editionId)) {
        if (g.contestantId === contestantId) {
          grants.push(toMyGrant(g, g.eventId === null ? null : (eventName.get(g.eventId) ?? null)));
        }
      }
    }
    return grants;
  }
}
