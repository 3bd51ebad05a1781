import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { User } from '../auth/entities/user.entity';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';
import { BlindCode } from '../registration/entities/blind-code.entity';
import { Contestant } from '../registration/entities/contestant.entity';
import { Draw } from '../registration/entities/draw.entity';
import { Entry } from '../registration/entities/entry.entity';
import { Unit } from '../registration/entities/unit.entity';

export const ENTITIES = [
  User,
  RefreshToken,
  AuditEntry,
  Edition,
  CompetitionEvent,
  Unit,
  Contestant,
  Entry,
  Draw,
  BlindCode,
];
