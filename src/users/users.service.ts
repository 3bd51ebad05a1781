import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/entities/user.entity';
import { hashPassword } from '../auth/password';
import { TokenService } from '../auth/token.service';
import { conflict, notFound, unprocessable } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import type { Role } from '../domain/competition';
import { Contestant } from '../registration/entities/contestant.entity';
import { AccountResponse, CreateUserDto, toAccountResponse, UpdateUserDto } from './dto/user.dto';

const contestantField = (message: string) => [{ field: 'contestantId', messages: [message] }];

@Injectable()
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly tokens: TokenService,
  ) {}

  async list(): Promise<AccountResponse[]> {
    return (await this.users.find({ order: { id: 'ASC' } })).map(toAccountResponse);
  }

  create(actor: Actor, input: CreateUserDto): Promise<AccountResponse> {
    return this.uow.run((manager) => this.createIn(manager, actor, input));
  }

  /** Inside a caller's transaction (the demo seeder and the CLI create several at once). */
  async createIn(
    manager: EntityManager,
    actor: Actor,
    input: CreateUserDto,
  ): Promise<AccountResponse> {
    const username = input.username.toLowerCase();
    if (await manager.existsBy(User, { username })) {
      throw conflict('USERNAME_TAKEN', `The username ${username} is taken.`);
    }
    const contestantId = input.contestantId ?? null;
    await this.checkLink(manager, input.role, contestantId, null);
    const now = nowIso();
    const user = manager.create(User, {
      username,
      displayName: input.displayName,
      role: input.role,
      unitName: input.unitName ?? null,
      contestantId,
      passwordHash: await hashPassword(input.password),
      active: true,
      tokensValidFrom: now,
      createdAt: now,
      updatedAt: now,
    });
    await manager.save(user);
    const response = toAccountResponse(user);
    await this.audit.append(manager, {
      actor,
      action: 'user.created',
      entityType: 'user',
      entityId: user.id,
      after: response,
    });
    return response;
  }

  async update(actor: Actor, id: number, input: UpdateUserDto): Promise<AccountResponse> {
    let endsSessions = false;
    const response = await this.uow.run(async (manager) => {
      const user = await manager.findOneBy(User, { id });
      if (!user) {
        throw notFound('USER_NOT_FOUND', `No user with id ${id}.`);
      }
      const before = toAccountResponse(user);
      const { password, contestantId, ...fields } = input;
      const role = input.role ?? user.role;
      // A link is a contestant account's: it goes when the account stops being one.
      const link =
        contestantId !== undefined
          ? contestantId
          : role === 'contestant'
            ? user.contestantId
            : null;
      if (link !== user.contestantId) {
        await this.checkLink(manager, role, link, user.id);
      }
      Object.assign(user, fields, { contestantId: link, updatedAt: nowIso() });
      if (password !== undefined || input.active === false || input.role !== undefined) {
        // A reset password, a disabled account or a new role ends every session at once.
        user.tokensValidFrom = user.updatedAt;
        endsSessions = true;
      }
      if (password !== undefined) {
        user.passwordHash = await hashPassword(password);
      }
      await manager.save(user);
      const after = toAccountResponse(user);
      await this.audit.append(manager, {
        actor,
        action: password !== undefined ? 'user.updated+password-reset' : 'user.updated',
        entityType: 'user',
        entityId: id,
        before,
        after,
      });
      return after;
    });
    if (endsSessions) {
      this.tokens.endSessions(id);
    } else {
      this.tokens.forgetUser(id);
    }
    return response;
  }

  /** Only a contestant account is linked, to a contestant that exists and has no other account. */
  private async checkLink(
    manager: EntityManager,
    role: Role,
    contestantId: number | null,
    userId: number | null,
  ): Promise<void> {
    if (contestantId === null) {
      return;
    }
    if (role !== 'contestant') {
      throw unprocessable(
        'CONTESTANT_LINK_ROLE',
        'Only an account with the role contestant can be linked to a contestant.',
        contestantField('only for the role contestant'),
      );
    }
    if (!(await manager.existsBy(Contestant, { id: contestantId }))) {
      throw unprocessable(
        'CONTESTANT_NOT_FOUND',
        `No contestant with id ${contestantId}.`,
        contestantField('unknown contestant'),
      );
    }
    const holder = await manager.findOneBy(User, { contestantId });
    if (holder && holder.id !== userId) {
      throw conflict(
        'CONTESTANT_ALREADY_LINKED',
        `Contestant ${contestantId} already has the account ${holder.username}.`,
        { userId: holder.id, username: holder.username },
      );
    }
  }
}
