import { EntityManager } from 'typeorm';
import { lockRow } from '../database/row-lock';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';

/**
 * One edition's registrations are written one transaction at a time: the form and a sheet's
 * parts never race for the same person, team or running number of 报名号. On PostgreSQL the
 * edition's row is locked until the transaction ends; SQLite already writes one at a time.
 */
export async function lockEdition(manager: EntityManager, editionId: number): Promise<void> {
  await lockRow(manager, Edition, editionId);
}

/** lockEdition for the edition of an event; nothing when there is no such event (vet says so). */
export async function lockEditionOf(manager: EntityManager, eventId: number): Promise<void> {
  const event = await manager.findOne(CompetitionEvent, {
    select: { id: true, editionId: true },
    where: { id: eventId },
  });
  if (event) {
    await lockEdition(manager, event.editionId);
  }
}
