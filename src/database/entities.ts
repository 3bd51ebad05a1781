import { AuditEntry } from '../audit/entities/audit-entry.entity';
import { RefreshToken } from '../auth/entities/refresh-token.entity';
import { User } from '../auth/entities/user.entity';
import { CompetitionEvent } from '../editions/entities/competition-event.entity';
import { Edition } from '../editions/entities/edition.entity';

export const ENTITIES = [User, RefreshToken, AuditEntry, Edition, CompetitionEvent];
