import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, SYSTEM_ACTOR } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { conflict, notFound, unprocessable } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import type { RewardPolicy } from '../domain/policy';
import { validatePolicy } from '../domain/policy-validation';
import { Edition } from '../editions/entities/edition.entity';
import { ClonePolicyDto, PolicyResponse, toPolicyResponse } from './dto/policy.dto';
import { PolicyRow } from './policy.entity';

export const POLICY_FILES = Symbol('POLICY_FILES');

/**
 * Reward policies: the files in data/policies are validated at start-up and stored; organizers
 * clone one for a new edition and edit the clone; a policy a closed (final) edition follows is
 * frozen, because its payouts were made under it.
 */
@Injectable()
export class PoliciesService implements OnModuleInit {
  private readonly logger = new Logger('Policies');

  constructor(
    @Inject(POLICY_FILES) private readonly files: RewardPolicy[],
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  /** Before any bootstrap hook (the demo seeder points its edition at a policy). */
  async onModuleInit(): Promise<void> {
    for (const policy of this.files) {
      await this.uow.run(async (manager) => {
        const row = await manager.findOneBy(PolicyRow, { id: policy.id });
        const document = JSON.stringify(policy);
        if (row && row.document === document) {
          return;
        }
        if (row && (await this.isFrozen(manager, policy.id))) {
          this.logger.warn(
            `${policy.id}: the file changed but a closed edition uses it; the stored version is kept.`,
          );
          return;
        }
        const now = nowIso();
        await manager.save(PolicyRow, {
          id: policy.id,
          name: policy.name,
          document,
          origin: 'file',
          basedOn: null,
          createdAt: row?.createdAt ?? now,
          updatedAt: now,
        });
        await this.audit.append(manager, {
          actor: SYSTEM_ACTOR,
          action: row ? 'policy.reloaded' : 'policy.loaded',
          entityType: 'policy',
          entityId: policy.id,
          after: { name: policy.name },
        });
      });
    }
  }

  async list(): Promise<PolicyResponse[]> {
    const rows = await this.uow.reader.find(PolicyRow, { order: { id: 'ASC' } });
    const editions = await this.uow.reader.find(Edition);
    return rows.map((row) =>
      toPolicyResponse(
        row,
        editions.filter((e) => e.policyId === row.id),
      ),
    );
  }

  async get(id: string, manager: EntityManager = this.uow.reader): Promise<PolicyResponse> {
    const row = await manager.findOneBy(PolicyRow, { id });
    if (!row) {
      throw notFound('POLICY_NOT_FOUND', `No policy ${id}.`);
    }
    return toPolicyResponse(row, await manager.findBy(Edition, { policyId: id }));
  }

  /** The typed policy an edition follows. */
  async forEdition(manager: EntityManager, edition: Edition): Promise<RewardPolicy> {
    return (await this.get(edition.policyId, manager)).document;
  }

  clone(actor: Actor, sourceId: string, input: ClonePolicyDto): Promise<PolicyResponse> {
    return this.uow.run(async (manager) => {
      const source = await this.get(sourceId, manager);
      if (await manager.existsBy(PolicyRow, { id: input.id })) {
        throw conflict('POLICY_ID_TAKEN', `There is already a policy ${input.id}.`);
      }
      const now = nowIso();
      const document = JSON.stringify({ ...source.document, id: input.id, name: input.name });
      await manager.insert(PolicyRow, {
        id: input.id,
        name: input.name,
        document,
        origin: 'console',
        basedOn: sourceId,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit.append(manager, {
        actor,
        action: 'policy.cloned',
        entityType: 'policy',
        entityId: input.id,
        after: { basedOn: sourceId, name: input.name },
      });
      return this.get(input.id, manager);
    });
  }

  /** Replaces a policy's document after validating it whole; refused once a closed edition uses it. */
  replace(actor: Actor, id: string, document: Record<string, unknown>): Promise<PolicyResponse> {
    return this.uow.run(async (manager) => {
      const before = await this.get(id, manager);
      if (before.frozen) {
        throw conflict(
          'POLICY_IN_USE',
          `A closed edition follows ${id}; it can no longer change. Clone it instead.`,
        );
      }
      const result = validatePolicy({ ...document, id });
      if (!result.ok) {
        throw unprocessable(
          'POLICY_INVALID',
          `The policy has ${result.errors.length} errors.`,
          result.errors,
        );
      }
      await manager.update(
        PolicyRow,
        { id },
        { name: result.policy.name, document: JSON.stringify(result.policy), updatedAt: nowIso() },
      );
      await this.audit.append(manager, {
        actor,
        action: 'policy.edited',
        entityType: 'policy',
        entityId: id,
        before: before.document,
        after: result.policy,
      });
      return this.get(id, manager);
    });
  }

  private async isFrozen(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(Edition, { policyId: id, status: 'closed' });
  }
}
