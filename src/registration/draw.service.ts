import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { Actor, personName } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { badRequest, conflict } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { drawWorkstations, DrawUnit, seedCommitment } from '../domain/draw';
import { Draw } from './entities/draw.entity';
import { Entry } from './entities/entry.entity';
import { EventsService } from '../editions/events.service';
import { DrawResponse } from './dto/draw.dto';

/** Teams (pair, trio) draw one workstation together; individuals draw alone. */
function drawUnits(entries: Entry[]): DrawUnit[] {
  const teams = new Map<string, number[]>();
  for (const entry of [...entries].sort((a, b) => a.id - b.id)) {
    const key = entry.teamNo === null ? `entry:${entry.id}` : `team:${entry.teamNo}`;
    teams.set(key, [...(teams.get(key) ?? []), entry.id]);
  }
  return [...teams.values()].map((entryIds) => ({ entryIds }));
}

@Injectable()
export class DrawService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly competitionEvents: EventsService,
    @InjectRepository(Draw) private readonly draws: Repository<Draw>,
    @InjectRepository(Entry) private readonly entries: Repository<Entry>,
  ) {}

  /** The first draw by an organizer or the chief judge; a redraw only by the chief judge, with a reason. */
  draw(actor: Actor, eventId: number, reason?: string): Promise<DrawResponse> {
    return this.uow.run(async (manager) => {
      const event = await this.competitionEvents.findOr404(manager, eventId);
      if (event.codesGeneratedAt) {
        throw conflict(
          'CODES_ALREADY_GENERATED',
          'The codes are generated; the draw can no longer change.',
        );
      }
      const current = await manager.findOneBy(Draw, { eventId, supersededAt: IsNull() });
      if (current) {
        if (actor.role !== 'chief_judge') {
          throw conflict(
            'DRAW_ALREADY_DONE',
            'The event has been drawn; only the chief judge may redraw.',
          );
        }
        if (!reason) {
          throw badRequest('VALIDATION_FAILED', 'A redraw needs a reason.', [
            { field: 'reason', messages: ['reason is required for a redraw'] },
          ]);
        }
      }
      const approved = await manager.find(Entry, { where: { eventId, status: 'approved' } });
      if (approved.length === 0) {
        throw conflict('NOTHING_TO_DRAW', 'The event has no approved entries to draw.');
      }
      const units = drawUnits(approved);
      const seed = randomBytes(32).toString('hex');
      const result = drawWorkstations(units, seed);
      const now = nowIso();
      if (current) {
        await manager.update(Draw, { id: current.id }, { supersededAt: now });
      }
      const draw = manager.create(Draw, {
        eventId,
        attempt: (current?.attempt ?? 0) + 1,
        seedCommitment: seedCommitment(seed),
        seed,
        entryIds: units.flatMap((u) => u.entryIds),
        result,
        drawnBy: personName(actor),
        drawnAt: now,
        reason: reason ?? null,
        supersededAt: null,
      });
      await manager.save(draw);
      for (const { entryId, workstationNo } of result) {
        await manager.update(Entry, { id: entryId }, { workstationNo, updatedAt: now });
      }
      await this.audit.append(manager, {
        actor,
        action: current ? 'draw.redrawn' : 'draw.drawn',
        entityType: 'event',
        entityId: eventId,
        before: current ? { drawId: current.id, result: current.result } : null,
        after: { drawId: draw.id, seedCommitment: draw.seedCommitment, result },
        reason: reason ?? null,
      });
      return this.toResponse(draw, approved);
    });
  }

  async history(eventId: number): Promise<DrawResponse[]> {
    const [draws, entries] = await Promise.all([
      this.draws.find({ where: { eventId }, order: { attempt: 'ASC' } }),
      this.entries.find({ where: { eventId } }),
    ]);
    return draws.map((d) => this.toResponse(d, entries));
  }

  private toResponse(draw: Draw, entries: Entry[]): DrawResponse {
    const entryNo = new Map(entries.map((e) => [e.id, e.entryNo]));
    const recomputed = drawWorkstations(
      drawUnits(entries.filter((e) => draw.entryIds.includes(e.id))),
      draw.seed,
    );
    return {
      id: draw.id,
      eventId: draw.eventId,
      attempt: draw.attempt,
      seedCommitment: draw.seedCommitment,
      seed: draw.seed,
      drawnBy: draw.drawnBy,
      drawnAt: draw.drawnAt,
      reason: draw.reason,
      supersededAt: draw.supersededAt,
      result: [...draw.result]
        .sort((a, b) => a.workstationNo - b.workstationNo)
        .map((r) => ({ ...r, entryNo: entryNo.get(r.entryId) ?? '' })),
      verified:
        seedCommitment(draw.seed) === draw.seedCommitment &&
        JSON.stringify(recomputed) === JSON.stringify(draw.result),
    };
  }
}
