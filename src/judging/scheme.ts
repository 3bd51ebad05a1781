import type { Aspect, MarkingModule, MarkingScheme } from '../domain/marking';
import { fromHundredths } from '../domain/numbers';
import type { CompetitionEvent } from '../editions/entities/competition-event.entity';
import type { AspectResponse, ModuleResponse } from './dto/scheme.dto';
import type { AspectRow } from './entities/aspect.entity';
import type { MarkingModuleRow } from './entities/module.entity';

/** Stored aspect row → the domain's aspect (decimals back from hundredths). */
export function toDomainAspect(row: AspectRow): Aspect {
  const max = fromHundredths(row.maxHundredths);
  const step = row.stepHundredths === null ? undefined : fromHundredths(row.stepHundredths);
  const maxSpread =
    row.maxSpreadHundredths === null ? undefined : fromHundredths(row.maxSpreadHundredths);
  if (row.kind === 'judgement') {
    return {
      kind: 'judgement',
      code: row.code,
      max,
      aggregation: row.aggregation ?? 'mean',
      step,
      maxSpread,
    };
  }
  return { kind: row.kind, code: row.code, max, step: step ?? 0.01 };
}

export function toDomainScheme(
  event: CompetitionEvent,
  modules: MarkingModuleRow[],
  aspects: AspectRow[],
): MarkingScheme {
  return {
    theory: event.theoryWeight > 0 ? { max: 100 } : null,
    modules: modules.map((m): MarkingModule => ({
      code: m.code,
      aspects: aspects.filter((a) => a.moduleId === m.id).map(toDomainAspect),
    })),
  };
}

export function toAspectResponse(row: AspectRow): AspectResponse {
  return {
    id: row.id,
    code: row.code,
    description: row.description,
    kind: row.kind,
    aggregation: row.aggregation ?? undefined,
    max: fromHundredths(row.maxHundredths),
    step: row.stepHundredths === null ? undefined : fromHundredths(row.stepHundredths),
    maxSpread:
      row.maxSpreadHundredths === null ? undefined : fromHundredths(row.maxSpreadHundredths),
  };
}

export function toModuleResponse(module: MarkingModuleRow, aspects: AspectRow[]): ModuleResponse {
  return {
    id: module.id,
    code: module.code,
    name: module.name,
    lockedAt: module.lockedAt,
    aspects: aspects
      .filter((a) => a.moduleId === module.id)
      .sort((a, b) => a.position - b.position)
      .map(toAspectResponse),
  };
}
