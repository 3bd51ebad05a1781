import { Injectable } from '@nestjs/common';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { conflict, forbidden, unprocessable } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { validateEventRules } from '../domain/event-rules';
import { EventResponse, toEventResponse } from '../editions/dto/event.dto';
import { toEventRuleSet } from '../editions/dto/event-rules.dto';
import { EventsService, moduleCodes } from '../editions/events.service';
import { ChangeRulesDto } from './dto/rules.dto';
import { EventResultsResponse } from './dto/event-results.dto';
import { ResultsService } from './results.service';

export interface RulesChangeResponse {
  event: EventResponse;
  /** The recomputed results; null when there were none yet. */
  results: EventResultsResponse | null;
}

/**
 * Changing an event's rules (奖项与排名). Before results exist it is a plain edit; once results
 * are computed the rules are frozen: only the chief judge changes them, with a reason, and the
 * results are recomputed in the same transaction (audited with a before/after diff); once final,
 * never.
 */
@Injectable()
export class RulesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly results: ResultsService,
    private readonly events: EventsService,
  ) {}

  change(actor: Actor, eventId: number, input: ChangeRulesDto): Promise<RulesChangeResponse> {
    return this.uow.run(async (manager) => {
      const event = await this.events.findOr404(manager, eventId);
      if (event.resultsStatus === 'final') {
        throw conflict('RESULTS_FINAL', 'The results are final; the rules no longer change.');
      }
      const computed = event.resultsStatus !== 'none';
      const reason = input.reason?.trim() ?? '';
      if (computed && actor.role !== 'chief_judge') {
        throw forbidden(
          'RULES_CHIEF_ONLY',
          'Results have been computed: only the chief judge changes the rules.',
        );
      }
      if (computed && reason === '') {
        throw unprocessable(
          'RULES_REASON_REQUIRED',
          'Changing the rules after results are computed needs a reason.',
        );
      }
      const rules = toEventRuleSet(input.rules);
      validateEventRules(rules, await moduleCodes(manager, eventId));
      const before = toEventResponse(event).rules;
      event.rules = rules;
      event.updatedAt = nowIso();
      await manager.save(event);
      await this.audit.append(manager, {
        actor,
        action: 'event.rules-changed',
        entityType: 'event',
        entityId: eventId,
        before,
        after: rules,
        reason: reason === '' ? null : reason,
      });
      return {
        event: toEventResponse(event),
        results: computed ? await this.results.computeIn(manager, actor, eventId) : null,
      };
    });
  }
}
