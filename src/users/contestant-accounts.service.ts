import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { Actor } from '../audit/actor';
import { conflict, notFound } from '../common/errors/app-error';
import { UnitOfWork } from '../database/unit-of-work';
import { Contestant } from '../registration/entities/contestant.entity';
import { User } from '../auth/entities/user.entity';
import {
  ContestantAccountResponse,
  CreateContestantAccountDto,
} from './dto/contestant-account.dto';
import { UsersService } from './users.service';

/** No 0/o, 1/l/i: the password is read off a slip of paper and typed on a phone. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Three groups of four: about 59 bits, more than enough behind the login throttle. */
export function generatePassword(pick: (max: number) => number = randomInt): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[pick(ALPHABET.length)]).join('');
  return [group(), group(), group()].join('-');
}

/** The organizers' shortcut: a contestant's login, linked to their record, with a fresh password. */
@Injectable()
export class ContestantAccountsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly users: UsersService,
  ) {}

  create(
    actor: Actor,
    contestantId: number,
    input: CreateContestantAccountDto,
  ): Promise<ContestantAccountResponse> {
    return this.uow.run(async (manager) => {
      const contestant = await manager.findOne(Contestant, {
        where: { id: contestantId },
        relations: { unit: true },
      });
      if (!contestant) {
        throw notFound('CONTESTANT_NOT_FOUND', `No contestant with id ${contestantId}.`);
      }
      const holder = await manager.findOneBy(User, { contestantId });
      if (holder) {
        throw conflict(
          'CONTESTANT_ALREADY_LINKED',
          `Contestant ${contestantId} already has the account ${holder.username}.`,
          { userId: holder.id, username: holder.username },
        );
      }
      const password = generatePassword();
      // createIn audits the account (never the password) in this same transaction.
      const account = await this.users.createIn(manager, actor, {
        username: input.username ?? `c${String(contestantId).padStart(4, '0')}`,
        displayName: contestant.name,
        role: 'contestant',
        unitName: contestant.unit?.name,
        contestantId,
        password,
      });
      return { ...account, password };
    });
  }
}
