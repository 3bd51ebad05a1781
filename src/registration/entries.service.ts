import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, In, Repository } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { badRequest, conflict, notFound } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { Draw } from './entities/draw.entity';
import { Entry, EntryStatus } from './entities/entry.entity';
import {
  EntryQueryDto,
  EntryResponse,
  ReviewEntriesDto,
  ReviewResultResponse,
  toEntryResponse,
} from './dto/entry.dto';

/** Which review decisions may follow which status (资格审核). */
const TRANSITIONS: Record<ReviewEntriesDto['decision'], { from: EntryStatus[]; to: EntryStatus }> =
  {
    approve: { from: ['submitted', 'rejected'], to: 'approved' },
    reject: { from: ['submitted', 'approved'], to: 'rejected' },
    withdraw: { from: ['submitted', 'approved'], to: 'withdrawn' },
  };

@Injectable()
export class EntriesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    @InjectRepository(Entry) private readonly entries: Repository<Entry>,
  ) {}

  async list(editionId: number, query: EntryQueryDto, revealId: boolean): Promise<EntryResponse[]> {
    const qb = this.entries
      .createQueryBuilder('entry')
      .leftJoinAndSelect('entry.contestant', 'contestant')
      .leftJoinAndSelect('contestant.unit', 'unit')
      .where('entry.editionId = :editionId', { editionId })
      .orderBy('entry.eventId', 'ASC')
      .addOrderBy('entry.entryNo', 'ASC');
    if (query.eventId) {
      qb.andWhere('entry.eventId = :eventId', { eventId: query.eventId });
    }
    if (query.unitId) {
      qb.andWhere('contestant.unitId = :unitId', { unitId: query.unitId });
    }
    if (query.status) {
      qb.andWhere('entry.status = :status', { status: query.status });
    }
    if (query.q) {
      const like = `%${query.q.replace(/[%_]/g, '')}%`;
      qb.andWhere(
        new Brackets((w) => {
          w.where('contestant.name LIKE :like', { like }).orWhere('entry.entryNo LIKE :like', {
            like,
          });
          if (revealId) {
            w.orWhere('contestant.idNumber LIKE :like', { like });
          }
        }),
      );
    }
    return (await qb.getMany()).map((e) => toEntryResponse(e, revealId));
  }

  /** Bulk review: all listed entries change, or none do (one wrong id refuses the batch). */
  review(actor: Actor, input: ReviewEntriesDto): Promise<ReviewResultResponse> {
    if (input.decision !== 'approve' && !input.reason) {
      throw badRequest('VALIDATION_FAILED', 'A reason is required to reject or withdraw.', [
        { field: 'reason', messages: ['reason is required to reject or withdraw'] },
      ]);
    }
    const { from, to } = TRANSITIONS[input.decision];
    return this.uow.run(async (manager) => {
      const ids = [...new Set(input.entryIds)];
      const rows = await manager.find(Entry, {
        where: { id: In(ids) },
        relations: { contestant: { unit: true } },
      });
      if (rows.length !== ids.length) {
        const missing = ids.filter((id) => !rows.some((r) => r.id === id));
        throw notFound('ENTRY_NOT_FOUND', `No entries with ids ${missing.join(', ')}.`);
      }
      const eventIds = [...new Set(rows.map((r) => r.eventId))];
      if (await manager.existsBy(Draw, { eventId: In(eventIds) })) {
        throw conflict(
          'DRAW_ALREADY_DONE',
          'Entries of an event that has been drawn cannot be reviewed again.',
        );
      }
      const stuck = rows.filter((r) => r.status !== to && !from.includes(r.status));
      if (stuck.length > 0) {
        throw conflict(
          'ENTRY_STATUS_CONFLICT',
          `Cannot ${input.decision} entries that are ${stuck[0].status}.`,
          stuck.map((r) => ({ entryId: r.id, status: r.status })),
        );
      }
      let changed = 0;
      const now = nowIso();
      for (const entry of rows.filter((r) => r.status !== to)) {
        const before = { status: entry.status, statusReason: entry.statusReason };
        entry.status = to;
        entry.statusReason = input.decision === 'approve' ? null : (input.reason ?? null);
        entry.updatedAt = now;
        await manager.update(
          Entry,
          { id: entry.id },
          { status: to, statusReason: entry.statusReason, updatedAt: now },
        );
        await this.audit.append(manager, {
          actor,
          action: `entry.${to}`,
          entityType: 'entry',
          entityId: entry.id,
          before,
          after: { status: to, statusReason: entry.statusReason },
          reason: input.reason ?? null,
        });
        changed += 1;
      }
      return { changed, entries: rows.map((e) => toEntryResponse(e, true)) };
    });
  }
}
