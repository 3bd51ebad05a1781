import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/entities/user.entity';
import { AppConfig } from '../config/app-config';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { parseIdNumber } from '../domain/id-number';
import { EditionsService } from '../editions/editions.service';
import { EventsService } from '../editions/events.service';
import { Contestant } from '../registration/entities/contestant.entity';
import { RegistrationService } from '../registration/registration.service';
import { UsersService } from '../users/users.service';
import {
  DEMO_ACCOUNTS,
  DEMO_CONTESTANT,
  DEMO_EDITION,
  DEMO_EVENTS,
  DEMO_PASSWORD,
} from './demo-data';
import { DAY_EDITION, DAY_EVENTS, DAY_PHASES, DayPhase } from './demo-day';

/**
 * On an empty database: the first admin from ADMIN_PASSWORD, and (unless DEMO=off) a demo
 * edition with events and one account per role, so a newcomer sees a working system at once;
 * with DEMO=day also the day's edition and its empty events, which main.ts then plays through the
 * API (demo-day.start.ts) once the server listens: the rules run in their own services, not here.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');
  seeded = false;
  /** With DEMO=day: the day edition's empty events, for main.ts to play once the server listens. */
  day: { editionId: number; eventIds: Record<DayPhase, number> } | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly users: UsersService,
    private readonly editions: EditionsService,
    private readonly events: EventsService,
    private readonly registration: RegistrationService,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.dataSource.getRepository(User).count()) > 0) {
      return;
    }
    const adminPassword = this.config.ADMIN_PASSWORD;
    if (this.config.DEMO === 'off') {
      if (adminPassword) {
        await this.users.create(SYSTEM_ACTOR, {
          username: 'admin',
          displayName: '系统管理员',
          role: 'admin',
          password: adminPassword,
        });
        this.logger.log('Created the first admin account "admin" from ADMIN_PASSWORD.');
      } else {
        this.logger.warn('No accounts yet: set ADMIN_PASSWORD or run `npm run user:create`.');
      }
      return;
    }
    await this.uow.run(async (manager) => {
      const contestantId = await this.seedContestant(manager);
      for (const account of DEMO_ACCOUNTS) {
        const password = account.role === 'admin' && adminPassword ? adminPassword : DEMO_PASSWORD;
        await this.users.createIn(manager, SYSTEM_ACTOR, {
          ...account,
          password,
          ...(account.username === DEMO_CONTESTANT.account ? { contestantId } : {}),
        });
      }
    });
    const edition = await this.editions.create(SYSTEM_ACTOR, DEMO_EDITION);
    for (const event of DEMO_EVENTS) {
      await this.events.create(SYSTEM_ACTOR, edition.id, event);
    }
    if (this.config.DEMO === 'day') {
      const day = await this.editions.create(SYSTEM_ACTOR, DAY_EDITION);
      const eventIds = {} as Record<DayPhase, number>;
      for (const phase of DAY_PHASES) {
        eventIds[phase] = (await this.events.create(SYSTEM_ACTOR, day.id, DAY_EVENTS[phase])).id;
      }
      this.day = { editionId: day.id, eventIds };
    }
    this.seeded = true;
    this.logger.log(
      `Seeded the demo edition ${DEMO_EDITION.year} with ${DEMO_EVENTS.length} events. ` +
        `Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`,
    );
  }

  /** The demo contestant's record, for the `contestant` account to be linked to. */
  private async seedContestant(manager: EntityManager): Promise<number> {
    const { account: _account, idNumber, unitName, ...person } = DEMO_CONTESTANT;
    const parsed = parseIdNumber(idNumber);
    if (!parsed.ok) {
      throw new Error(`The demo contestant's ID number is invalid: ${parsed.message}`);
    }
    const unit = await this.registration.unitNamed(manager, SYSTEM_ACTOR, unitName);
    const now = nowIso();
    const contestant = manager.create(Contestant, {
      ...person,
      idNumber: parsed.value.normalized,
      gender: parsed.value.gender,
      birthDate: parsed.value.birthDate,
      unitId: unit.id,
      phone: null,
      certificateNo: null,
      titlesHeld: [],
      createdAt: now,
      updatedAt: now,
    });
    await manager.save(contestant);
    await this.audit.append(manager, {
      actor: SYSTEM_ACTOR,
      action: 'contestant.created',
      entityType: 'contestant',
      entityId: contestant.id,
      after: { ...contestant, idNumber: undefined },
    });
    return contestant.id;
  }
}
