import { AuditEntry } from './audit/entities/audit-entry.entity';
import { RefreshToken } from './auth/entities/refresh-token.entity';
import { User } from './auth/entities/user.entity';
import { CompetitionEvent } from './editions/entities/competition-event.entity';
import { Edition } from './editions/entities/edition.entity';
import { AspectRow } from './judging/entities/aspect.entity';
import { JudgeAssignment } from './judging/entities/assignment.entity';
import { Mark } from './judging/entities/mark.entity';
import { MarkVersion } from './judging/entities/mark-version.entity';
import { MarkWrite } from './judging/entities/mark-write.entity';
import { MarkingModuleRow } from './judging/entities/module.entity';
import { RecheckItem } from './judging/entities/recheck-item.entity';
import { RemarkRequest } from './judging/entities/remark-request.entity';
import { TheoryScore } from './judging/entities/theory-score.entity';
import { LiveUpdate } from './live/live-update.entity';
import { PolicyRow } from './policies/policy.entity';
import { Appeal } from './results/entities/appeal.entity';
import { ExternalResultRow } from './results/entities/external-result.entity';
import { GrantRow } from './results/entities/grant.entity';
import { Recommendation } from './results/entities/recommendation.entity';
import { ResultRow } from './results/entities/result-row.entity';
import { BlindCode } from './registration/entities/blind-code.entity';
import { Contestant } from './registration/entities/contestant.entity';
import { Draw } from './registration/entities/draw.entity';
import { ImportCommit } from './registration/entities/import-commit.entity';
import { Entry } from './registration/entities/entry.entity';
import { Unit } from './registration/entities/unit.entity';

export const ENTITIES = [
  User,
  RefreshToken,
  AuditEntry,
  Edition,
  CompetitionEvent,
  Unit,
  Contestant,
  Entry,
  ImportCommit,
  Draw,
  BlindCode,
  MarkingModuleRow,
  AspectRow,
  JudgeAssignment,
  Mark,
  MarkVersion,
  MarkWrite,
  TheoryScore,
  RemarkRequest,
  RecheckItem,
  LiveUpdate,
  PolicyRow,
  ResultRow,
  Appeal,
  GrantRow,
  ExternalResultRow,
  Recommendation,
];
