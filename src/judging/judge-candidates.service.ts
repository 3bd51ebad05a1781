import { Injectable } from '@nestjs/common';
import { User } from '../auth/entities/user.entity';
import { UnitOfWork } from '../database/unit-of-work';
import { Entry } from '../registration/entities/entry.entity';
import { EventsService } from '../editions/events.service';
import { JudgeCandidateResponse } from './dto/assignment.dto';
import { isRecused } from './recusal';

const LIMIT = 100;

/**
 * Judges the chief judge may pick for an event, found by name or unit, each with the number of
 * the event's contestants from their own unit (回避) — known from the entries, so before the
 * codes exist. Counts only: no contestant is named.
 */
@Injectable()
export class JudgeCandidatesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly competitionEvents: EventsService,
  ) {}

  async list(eventId: number, query = ''): Promise<JudgeCandidateResponse[]> {
    const m = this.uow.reader;
    await this.competitionEvents.findOr404(m, eventId);
    const needle = query.trim().toLowerCase();
    const judges = await m.find(User, {
      where: { role: 'judge', active: true },
      order: { displayName: 'ASC' },
    });
    const contestants = await m
      .createQueryBuilder(Entry, 'entry')
      .innerJoin('entry.contestant', 'contestant')
      .innerJoin('contestant.unit', 'unit')
      .select(['unit.name AS "unitName"', 'contestant.employer AS "employer"'])
      .where('entry.eventId = :eventId', { eventId })
      .andWhere("entry.status = 'approved'")
      .andWhere("(entry.checkInStatus IS NULL OR entry.checkInStatus <> 'absent')")
      .getRawMany<{ unitName: string; employer: string | null }>();
    return judges
      .filter(
        (j) =>
          needle === '' ||
          [j.displayName, j.username, j.unitName ?? ''].some((s) =>
            s.toLowerCase().includes(needle),
          ),
      )
      .slice(0, LIMIT)
      .map((j) => ({
        judgeId: j.id,
        displayName: j.displayName,
        unitName: j.unitName,
        conflicts: contestants.filter((c) => isRecused(j.unitName, c)).length,
        contestants: contestants.length,
      }));
  }
}
