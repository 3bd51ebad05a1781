import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { conflict, unprocessable } from '../common/errors/app-error';
import { UnitOfWork } from '../database/unit-of-work';
import { validateScheme } from '../domain/marking';
import { toHundredths } from '../domain/numbers';
import { EventsService } from '../editions/events.service';
import { PutSchemeDto, SchemeResponse } from './dto/scheme.dto';
import { AspectRow } from './entities/aspect.entity';
import { JudgeAssignment } from './entities/assignment.entity';
import { Mark } from './entities/mark.entity';
import { MarkingModuleRow } from './entities/module.entity';
import { toDomainScheme, toModuleResponse } from './scheme';

const hundredthsOrNull = (value: number | undefined) =>
  value === undefined ? null : toHundredths(value);

/** 评分标准: the event's modules and aspects, validated as a whole by the domain. */
@Injectable()
export class SchemeService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly competitionEvents: EventsService,
  ) {}

  async get(eventId: number, manager?: EntityManager): Promise<SchemeResponse> {
    const m = manager ?? this.uow.reader;
    const event = await this.competitionEvents.findOr404(m, eventId);
    const modules = await m.find(MarkingModuleRow, {
      where: { eventId },
      order: { position: 'ASC' },
    });
    const aspects = await m.find(AspectRow, { where: { eventId } });
    return {
      eventId,
      hasTheory: event.theoryWeight > 0,
      modules: modules.map((module) => toModuleResponse(module, aspects)),
    };
  }

  /** Replaces the whole scheme; refused once any mark exists (marks refer to its aspects). */
  put(actor: Actor, eventId: number, input: PutSchemeDto): Promise<SchemeResponse> {
    return this.uow.run(async (manager) => {
      const event = await this.competitionEvents.findOr404(manager, eventId);
      if (event.resultsStatus === 'final') {
        throw conflict('RESULTS_FINAL', 'The results are final; the scheme can no longer change.');
      }
      if (await manager.existsBy(Mark, { eventId })) {
        throw conflict(
          'SCHEME_IN_USE',
          'Marks have been entered; the scheme can no longer change.',
        );
      }
      const modules: MarkingModuleRow[] = [];
      const aspects: AspectRow[] = [];
      const aspectsOf: AspectRow[][] = [];
      input.modules.forEach((m, position) => {
        const module = manager.create(MarkingModuleRow, {
          id: position + 1,
          eventId,
          code: m.code,
          name: m.name,
          position,
          lockedAt: null,
          lockedBy: null,
        });
        modules.push(module);
        aspectsOf.push([]);
        m.aspects.forEach((a, i) => {
          const aspect = manager.create(AspectRow, {
            eventId,
            moduleId: module.id,
            code: a.code,
            description: a.description,
            kind: a.kind,
            aggregation: a.kind === 'judgement' ? (a.aggregation ?? 'mean') : null,
            maxHundredths: toHundredths(a.max),
            stepHundredths: hundredthsOrNull(a.step),
            maxSpreadHundredths: hundredthsOrNull(a.maxSpread),
            position: i,
          });
          aspects.push(aspect);
          aspectsOf[position].push(aspect);
        });
      });
      const errors = validateScheme(toDomainScheme(event, modules, aspects));
      if (errors.length > 0) {
        throw unprocessable('SCHEME_INVALID', errors.map((e) => e.message).join(' '), errors);
      }
      const before = await this.get(eventId, manager);
      await manager.delete(JudgeAssignment, { eventId });
      await manager.delete(AspectRow, { eventId });
      await manager.delete(MarkingModuleRow, { eventId });
      // Placeholder ids exist only for validation; each module's aspects are re-pointed from the
      // list built with it, never by searching for a placeholder id a saved module may now hold.
      for (const [position, module] of modules.entries()) {
        const { id: _id, ...fields } = module;
        const saved = await manager.save(
          MarkingModuleRow,
          manager.create(MarkingModuleRow, fields),
        );
        for (const aspect of aspectsOf[position]) {
          aspect.moduleId = saved.id;
        }
      }
      await manager.save(AspectRow, aspects);
      const after = await this.get(eventId, manager);
      await this.audit.append(manager, {
        actor,
        action: 'scheme.replaced',
        entityType: 'event',
        entityId: eventId,
        before: before.modules.length > 0 ? before : null,
        after,
      });
      return after;
    });
  }
}
