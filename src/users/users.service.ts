import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor } from '../audit/actor';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/entities/user.entity';
import { hashPassword } from '../auth/password';
import { TokenService } from '../auth/token.service';
import { conflict, notFound } from '../common/errors/app-error';
import { nowIso } from '../database/time';
import { UnitOfWork } from '../database/unit-of-work';
import { AccountResponse, CreateUserDto, toAccountResponse, UpdateUserDto } from './dto/user.dto';

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
    const now = nowIso();
    const user = manager.create(User, {
      username,
      displayName: input.displayName,
      role: input.role,
      unitName: input.unitName ?? null,
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
    const response = await this.uow.run(async (manager) => {
      const user = await manager.findOneBy(User, { id });
      if (!user) {
        throw notFound('USER_NOT_FOUND', `No user with id ${id}.`);
      }
      const before = toAccountResponse(user);
      const { password, ...fields } = input;
      Object.assign(user, fields, { updatedAt: nowIso() });
      if (password !== undefined || input.active === false || input.role !== undefined) {
        // A reset password, a disabled account or a new role ends every session at once.
        user.tokensValidFrom = user.updatedAt;
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
    this.tokens.forgetUser(id);
    return response;
  }
}
