import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BlindCode } from '../registration/entities/blind-code.entity';
import { Entry } from '../registration/entities/entry.entity';
import { isRecused } from './recusal';

export interface Piece {
  workpieceCode: string;
  entryId: number;
  unitName: string;
  employer: string | null;
}

/**
 * The event's work-pieces with what recusal needs to know. Used only on the server: a judge's
 * responses carry the code and nothing else.
 */
@Injectable()
export class PiecesService {
  async pieces(manager: EntityManager, eventId: number): Promise<Piece[]> {
    const rows = await manager
      .createQueryBuilder(BlindCode, 'code')
      .innerJoin(Entry, 'entry', 'entry.id = code.entryId')
      .innerJoin('entry.contestant', 'contestant')
      .innerJoin('contestant.unit', 'unit')
      .select([
        'code.workpieceCode AS "workpieceCode"',
        'code.entryId AS "entryId"',
        'unit.name AS "unitName"',
        'contestant.employer AS "employer"',
      ])
      .where('code.eventId = :eventId', { eventId })
      .orderBy('code.workpieceCode', 'ASC')
      .getRawMany<Piece>();
    return rows.map((r) => ({ ...r, entryId: Number(r.entryId) }));
  }

  /** The codes a judge of this unit may mark. */
  async piecesFor(
    manager: EntityManager,
    eventId: number,
    judgeUnit: string | null,
  ): Promise<Piece[]> {
    return (await this.pieces(manager, eventId)).filter((p) => !isRecused(judgeUnit, p));
  }
}
