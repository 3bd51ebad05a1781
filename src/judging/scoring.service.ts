import { readAll } from '../database/read-all';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { notFound } from '../common/errors/app-error';
import { aggregateAspect, componentMark, moduleMark } from '../domain/marking';
import { fromHundredths } from '../domain/numbers';
import { totalMark } from '../domain/ranking';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { BlindCode } from '../registration/entities/blind-code.entity';
import { AspectRow } from './entities/aspect.entity';
import { Mark } from './entities/mark.entity';
import { MarkingModuleRow } from './entities/module.entity';
import { TheoryScore } from './entities/theory-score.entity';
import { AspectOutcomeResponse, PieceScoreResponse } from './dto/scores.dto';
import { toDomainAspect } from './scheme';

/** A work-piece's scores as the API shows them; results are computed from the same rows. */
export type PieceScore = PieceScoreResponse;
export type AspectOutcome = AspectOutcomeResponse;

/**
 * Marks → scores, the one way data flows: loads what is stored and hands it to the domain's
 * pure functions (aggregation, module floor at 0, weighted total). Nothing here decides a rule.
 */
@Injectable()
export class ScoringService {
  async scoreEvent(
    manager: EntityManager,
    eventId: number,
    options: { lockedOnly?: boolean } = {},
  ): Promise<PieceScore[]> {
    const [event, modules, aspects, codes, marks, theory] = await readAll(manager, [
      () => manager.findOneBy(CompetitionEvent, { id: eventId }),
      () => manager.find(MarkingModuleRow, { where: { eventId }, order: { position: 'ASC' } }),
      () => manager.find(AspectRow, { where: { eventId }, order: { position: 'ASC' } }),
      () => manager.find(BlindCode, { where: { eventId }, order: { workpieceCode: 'ASC' } }),
      () => manager.find(Mark, { where: { eventId, purpose: 'primary' } }),
      () => manager.find(TheoryScore, { where: { eventId } }),
    ]);
    if (!event) {
      throw notFound('EVENT_NOT_FOUND', `No event with id ${eventId}.`);
    }
    const visibleModules = modules.filter((m) => !options.lockedOnly || m.lockedAt !== null);
    const valuesBy = new Map<string, number[]>();
    for (const mark of marks) {
      const key = `${mark.aspectId}|${mark.workpieceCode}`;
      valuesBy.set(key, [...(valuesBy.get(key) ?? []), fromHundredths(mark.valueHundredths)]);
    }
    const theoryBy = new Map(
      theory.map((t) => [t.workpieceCode, fromHundredths(t.scoreHundredths)]),
    );
    const theoryAbsent = new Set(theory.filter((t) => t.absent).map((t) => t.workpieceCode));
    return codes.map((code) => {
      const outcomes: AspectOutcome[] = [];
      const moduleMarks: Record<string, number | null> = {};
      for (const module of visibleModules) {
        const moduleAspects = aspects.filter((a) => a.moduleId === module.id);
        const byCode: Record<string, number> = {};
        let complete = true;
        for (const row of moduleAspects) {
          const values = valuesBy.get(`${row.id}|${code.workpieceCode}`) ?? [];
          const aspect = toDomainAspect(row);
          if (values.length === 0 || (aspect.kind !== 'judgement' && values.length !== 1)) {
            complete = false;
            continue;
          }
          const result = aggregateAspect(aspect, values);
          outcomes.push({ ...result, aspectId: row.id, code: row.code, values });
          byCode[row.code] = result.mark;
        }
        moduleMarks[module.code] = complete
          ? moduleMark(moduleAspects.map(toDomainAspect), byCode)
          : null;
      }
      const all = Object.values(moduleMarks);
      const practical =
        all.length > 0 && all.every((m) => m !== null) ? componentMark(all as number[]) : null;
      const theoryMark = event.theoryWeight > 0 ? (theoryBy.get(code.workpieceCode) ?? null) : null;
      const total =
        practical === null || (event.theoryWeight > 0 && theoryMark === null)
          ? null
          : totalMark(theoryMark, practical, {
              theoryWeight: event.theoryWeight,
              practicalWeight: event.practicalWeight,
            });
      return {
        workpieceCode: code.workpieceCode,
        entryId: code.entryId,
        timeUsedSeconds: code.timeUsedSeconds,
        aspects: outcomes,
        modules: moduleMarks,
        practical,
        theory: theoryMark,
        theoryAbsent: event.theoryWeight > 0 && theoryAbsent.has(code.workpieceCode),
        total,
      };
    });
  }
}
