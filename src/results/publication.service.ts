import { Injectable } from '@nestjs/common';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { AuthService } from '../auth/auth.service';
import { AppError, conflict, unprocessable } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { publicationVerdict } from '../domain/publication';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';
import { PoliciesService } from '../policies/policies.service';
import { PublishDto } from './dto/results.dto';
import { EventResultsResponse } from './dto/event-results.dto';
import { EventsService } from '../editions/events.service';
import { ResultsService } from './results.service';

/** Who asks for an exception to the publication rules: the chief judge, by name. */
interface ChiefJudge {
  id: number | null;
  username: string;
}

/**
 * 公示: publishing computed results for the window the policy allows (src/domain/publication.ts).
 * A shorter window, or one that starts in the past, needs the chief judge and a reason: the
 * chief judge asks in their own session, or confirms on the organiser's screen with their own
 * password (as the supervisor confirms a decryption); the exception is audited.
 */
@Injectable()
export class PublicationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly results: ResultsService,
    private readonly policies: PoliciesService,
    private readonly auth: AuthService,
    private readonly events: EventsService,
  ) {}

  async publish(
    actor: Actor,
    eventId: number,
    input: PublishDto,
    address: string,
  ): Promise<EventResultsResponse> {
    // Checked before anything is read, as a decryption's supervisor is.
    const chief = await this.chiefJudge(actor, input, address);
    return this.uow.run(async (manager) => {
      const event = await this.events.lockOr404(manager, eventId);
      if (event.resultsStatus !== 'provisional') {
        throw conflict(
          'RESULTS_NOT_PROVISIONAL',
          `The results are ${event.resultsStatus}; compute them before publishing.`,
        );
      }
      const edition = await manager.findOneByOrFail(Edition, { id: event.editionId });
      const { minDays } = (await this.policies.forEdition(manager, edition)).publication;
      const verdict = publicationVerdict({
        start: input.start,
        end: input.end,
        now: nowIso(),
        minDays,
        byChief: chief !== null,
        reason: input.reason,
      });
      const params = { minDays, days: verdict.days, start: input.start };
      switch (verdict.refusal) {
        case null:
          break;
        case 'PUBLICATION_DATES':
          throw conflict('PUBLICATION_DATES', 'Publication must end after it starts.');
        case 'PUBLICATION_IN_PAST':
          throw unprocessable(
            'PUBLICATION_IN_PAST',
            'Publication cannot start in the past; the chief judge may allow it, with a reason.',
          ).with(params);
        case 'PUBLICATION_TOO_SHORT':
          throw unprocessable(
            'PUBLICATION_TOO_SHORT',
            `Publication lasts at least ${minDays} days; the chief judge may allow less, with a reason.`,
          ).with(params);
        case 'PUBLICATION_REASON_REQUIRED':
          throw unprocessable(
            'PUBLICATION_REASON_REQUIRED',
            'Give the reason for this publication window.',
          );
      }
      const fields = {
        resultsStatus: 'published' as const,
        publicationStart: input.start,
        publicationEnd: input.end,
        appealDeadline: input.appealDeadline ?? input.end,
        resultsPublishedAt: nowIso(),
      };
      await manager.update(CompetitionEvent, { id: eventId }, fields);
      const exception =
        verdict.exceptions.length > 0
          ? { exceptions: verdict.exceptions, minDays, chiefJudge: chief }
          : {};
      await this.audit.append(manager, {
        actor,
        action: 'results.published',
        entityType: 'event',
        entityId: eventId,
        after: { ...fields, ...exception },
        reason: verdict.exceptions.length > 0 ? input.reason!.trim() : null,
      });
      return this.results.get(eventId, manager);
    });
  }

  /** The chief judge behind the request: the caller, or the account confirmed on the screen. */
  private async chiefJudge(
    actor: Actor,
    input: PublishDto,
    address: string,
  ): Promise<ChiefJudge | null> {
    if (actor.role === 'chief_judge') {
      return { id: actor.id, username: actor.name };
    }
    if (input.chiefUsername === undefined && input.chiefPassword === undefined) {
      return null;
    }
    const user = await this.auth
      .confirmIdentity(input.chiefUsername ?? '', input.chiefPassword ?? '', address)
      .catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'SUPERVISOR_CREDENTIALS_INVALID') {
          throw unprocessable('CHIEF_CREDENTIALS_INVALID', 'Wrong username or password.');
        }
        throw error;
      });
    if (user.role !== 'chief_judge') {
      throw unprocessable(
        'CHIEF_ROLE_REQUIRED',
        'An exception to the publication rules is confirmed by a chief judge (裁判长) account.',
      );
    }
    return { id: user.id, username: user.username };
  }
}
