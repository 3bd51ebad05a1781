import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';
import { MarkingModuleRow } from '../judging/entities/module.entity';

/** What the public may look at: published events of editions that are not drafts. */
@Injectable()
export class PublicEvents {
  constructor(private readonly uow: UnitOfWork) {}

  /** The public event: published, in a published edition; anything else is "not found". */
  async findPublicEvent(eventId: number): Promise<CompetitionEvent> {
    const event = await this.uow.reader.findOneBy(CompetitionEvent, { id: eventId });
    const edition = event
      ? await this.uow.reader.findOneBy(Edition, { id: event.editionId })
      : null;
    if (!event || event.status !== 'published' || !edition || edition.status === 'draft') {
      throw notFound('EVENT_NOT_FOUND', `No published event with id ${eventId}.`);
    }
    return event;
  }

  /** The public edition: anything but a draft; else "not found". */
  async findPublicEdition(editionId: number): Promise<Edition> {
    const edition = await this.uow.reader.findOneBy(Edition, { id: editionId });
    if (!edition || edition.status === 'draft') {
      throw notFound('EDITION_NOT_FOUND', `No published edition with id ${editionId}.`);
    }
    return edition;
  }

  /** The edition's events the public may see (a draft event inside it is not one of them). */
  async publicEventIds(editionId: number): Promise<number[]> {
    const events = await this.uow.reader.find(CompetitionEvent, {
      where: { editionId, status: 'published' },
      select: { id: true },
    });
    return events.map((e) => e.id);
  }

  /** A public event's modules by code and name, in scheme order (the boards' column heads). */
  async modules(eventId: number): Promise<{ code: string; name: string }[]> {
    await this.findPublicEvent(eventId);
    const modules = await this.uow.reader.find(MarkingModuleRow, {
      where: { eventId },
      order: { position: 'ASC' },
    });
    return modules.map((m) => ({ code: m.code, name: m.name }));
  }
}

export function isFrozen(event: CompetitionEvent, now = nowIso()): boolean {
  return (
    event.freezeAt !== null &&
    now >= event.freezeAt &&
    !(event.unfrozenAt !== null && event.unfrozenAt >= event.freezeAt)
  );
}
