import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { conflict, notFound } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { ContestantResponse, toContestantResponse } from './dto/contestant.dto';
import { CreateUnitDto, toUnitResponse, UnitResponse, UpdateUnitDto } from './dto/unit.dto';
import { Contestant } from './entities/contestant.entity';
import { Unit } from './entities/unit.entity';

/** 推荐单位 and the people they recommend. */
@Injectable()
export class UnitsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    @InjectRepository(Unit) private readonly units: Repository<Unit>,
    @InjectRepository(Contestant) private readonly contestants: Repository<Contestant>,
  ) {}

  async list(): Promise<UnitResponse[]> {
    const [units, counts] = await Promise.all([
      this.units.find({ order: { name: 'ASC' } }),
      this.contestants
        .createQueryBuilder('c')
        .select('c.unitId', 'unitId')
        .addSelect('COUNT(*)', 'n')
        .groupBy('c.unitId')
        .getRawMany<{ unitId: number; n: string | number }>(),
    ]);
    const byUnit = new Map(counts.map((c) => [Number(c.unitId), Number(c.n)]));
    return units.map((u) => toUnitResponse(u, byUnit.get(u.id) ?? 0));
  }

  create(actor: Actor, input: CreateUnitDto): Promise<UnitResponse> {
    return this.uow.run(async (manager) => {
      if (await manager.existsBy(Unit, { name: input.name.trim() })) {
        throw conflict('UNIT_NAME_TAKEN', `There is already a unit named ${input.name}.`);
      }
      const now = nowIso();
      const unit = manager.create(Unit, {
        name: input.name.trim(),
        contact: input.contact ?? null,
        phone: input.phone ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await manager.save(unit);
      await this.audit.append(manager, {
        actor,
        action: 'unit.created',
        entityType: 'unit',
        entityId: unit.id,
        after: unit,
      });
      return toUnitResponse(unit);
    });
  }

  update(actor: Actor, id: number, input: UpdateUnitDto): Promise<UnitResponse> {
    return this.uow.run(async (manager) => {
      const unit = await manager.findOneBy(Unit, { id });
      if (!unit) {
        throw notFound('UNIT_NOT_FOUND', `No unit with id ${id}.`);
      }
      if (
        input.name !== undefined &&
        input.name.trim() !== unit.name &&
        (await manager.existsBy(Unit, { name: input.name.trim() }))
      ) {
        throw conflict('UNIT_NAME_TAKEN', `There is already a unit named ${input.name}.`);
      }
      const before = { ...unit };
      Object.assign(unit, input, { name: input.name?.trim() ?? unit.name, updatedAt: nowIso() });
      await manager.save(unit);
      await this.audit.append(manager, {
        actor,
        action: 'unit.updated',
        entityType: 'unit',
        entityId: id,
        before,
        after: unit,
      });
      return toUnitResponse(unit);
    });
  }

  async contestantsOf(
    query: { unitId?: number; q?: string },
    revealId: boolean,
  ): Promise<ContestantResponse[]> {
    const qb = this.contestants
      .createQueryBuilder('c')
      .leftJoinAndSelect('c.unit', 'unit')
      .orderBy('c.id', 'ASC');
    if (query.unitId) {
      qb.andWhere('c.unitId = :unitId', { unitId: query.unitId });
    }
    if (query.q) {
      qb.andWhere('c.name LIKE :like', { like: `%${query.q.replace(/[%_]/g, '')}%` });
    }
    return (await qb.take(2000).getMany()).map((c) => toContestantResponse(c, revealId));
  }
}
