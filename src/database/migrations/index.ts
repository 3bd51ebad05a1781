import { Foundation1764320000000 } from './1764320000000-foundation';
import { Registration1764330000000 } from './1764330000000-registration';
import { Judging1764340000000 } from './1764340000000-judging';
import { Live1764350000000 } from './1764350000000-live';
import { Policies1764360000000 } from './1764360000000-policies';
import { Results1764370000000 } from './1764370000000-results';
import { ContestantAccounts1764380000000 } from './1764380000000-contestant-accounts';
import { EventRules1764390000000 } from './1764390000000-event-rules';
import { SignatureNotices1764390000000 } from './1764390000000-signature-notices';
import { AuditHead1764391200000 } from './1764391200000-audit-head';
import { RacesAndHistory1764395000000 } from './1764395000000-races-and-history';
import { Policy20261764400000000 } from './1764400000000-policy-2026';
import { ImportCommits1764410000000 } from './1764410000000-import-commits';

/** In order. A new migration is appended here; nothing is ever synchronized. */
export const MIGRATIONS = [
  Foundation1764320000000,
  Registration1764330000000,
  Judging1764340000000,
  Live1764350000000,
  Policies1764360000000,
  Results1764370000000,
  ContestantAccounts1764380000000,
  SignatureNotices1764390000000,
  EventRules1764390000000,
  AuditHead1764391200000,
  RacesAndHistory1764395000000,
  Policy20261764400000000,
  ImportCommits1764410000000,
];
