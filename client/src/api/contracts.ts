/**
 * The API's types, by the names the pages use. Each is the server's own, generated from its
 * OpenAPI document into ./schema.d.ts by `npm run contracts`: nothing here is copied by hand.
 * The lists (for selects and filters) are checked against the generated unions by the compiler.
 */
import type { EventRuleSet } from '@event-rules';
import type { ErrorCode } from '@error-catalogue';
import type { PrizeGrantRule, RewardPolicy } from '@domain/policy';
import type { PolicyError } from '@domain/policy-errors';
import type { Prize } from '@domain/prizes';
import type { components, paths } from './schema';

export type { EventRuleSet } from '@event-rules';
export { ROLES, type Role } from '@domain/competition';
export type { Prize } from '@domain/prizes';

type Schemas = components['schemas'];

/** `list` as written, refused by the compiler unless it names every member of `T`. */
function every<T extends string>() {
  return <const L extends readonly T[]>(
    list: L & (Exclude<T, L[number]> extends never ? unknown : { missing: Exclude<T, L[number]> }),
  ): L => list;
}

export type User = Schemas['UserResponse'];
export type Account = Schemas['AccountResponse'];
export type ContestantAccount = Schemas['ContestantAccountResponse'];
export type LoginResponse = Schemas['SessionResponse'];
export type Health = Schemas['HealthResponse'];

/** The usernames the server accepts for a contestant's login (CreateContestantAccountDto). */
export const CONTESTANT_USERNAME = /^[a-z0-9._-]{2,64}$/;

export type Edition = Schemas['EditionResponse'];
export type EditionStatus = Edition['status'];
export const EDITION_STATUSES = every<EditionStatus>()(['draft', 'published', 'closed']);
export type Warning = Schemas['WarningResponse'];
export type EditionWriteResponse = Schemas['EditionWriteResponse'];
export type EditionInput = Schemas['CreateEditionDto'];

/**
 * 赛项. Its rules come back with every default filled in: the domain's own EventRuleSet
 * (src/domain/event-rules.ts), where the request's DTO leaves parts optional.
 */
export type CompetitionEvent = Omit<Schemas['EventResponse'], 'rules'> & { rules: EventRuleSet };
/** An event with the phase fields of the registration day (every event response carries them). */
export type PhasedEvent = CompetitionEvent;
export type EventInput = Schemas['CreateEventDto'];
export type Level = CompetitionEvent['level'];
/** Every level of the 2015 and 2022 ladders, lowest first (src/domain/qualification.ts). */
export const LEVELS = every<Level>()([
  'apprentice',
  'junior',
  'intermediate',
  'senior',
  'technician',
  'senior_technician',
  'special_technician',
  'chief_technician',
]);
export type Group = CompetitionEvent['group'];
export const GROUPS = every<Group>()(['worker', 'student']);
export type Mode = CompetitionEvent['mode'];
export const MODES = every<Mode>()(['individual', 'pair', 'trio']);
export type EventStatus = CompetitionEvent['status'];
export const EVENT_STATUSES = every<EventStatus>()(['draft', 'published']);
export type EligibilityRules = Schemas['EligibilityRulesDto'];

export type Unit = Schemas['UnitResponse'];
export type UnitInput = Schemas['CreateUnitDto'];

export type Contestant = Schemas['ContestantResponse'];
export type Gender = Contestant['gender'];
export type ContestantInput = Schemas['ContestantInput'];
export type Entry = Schemas['EntryResponse'];
export type EntryStatus = Entry['status'];
export const ENTRY_STATUSES = every<EntryStatus>()([
  'submitted',
  'approved',
  'rejected',
  'withdrawn',
]);
export type CheckInStatus = NonNullable<Entry['checkInStatus']>;
export type EligibilityFailure = Schemas['EligibilityFailureResponse'];
export type EntryInput = Schemas['SubmitEntryDto'];
export type ReviewDecision = Schemas['ReviewEntriesDto']['decision'];
export type ReviewResult = Schemas['ReviewResultResponse'];

export type ImportJob = Schemas['ImportJobResponse'];
export type ImportStatus = ImportJob['status'];
export type ImportRowError = Schemas['ImportRowErrorResponse'];

export type Draw = Schemas['DrawResponse'];
export type DrawSlot = Schemas['DrawPlaceResponse'];
export type CodeMapRow = Schemas['CodeMapRowResponse'];
export type DecryptResult = Schemas['DecryptResponse'];

// Judging: the judge's tablet and the chief judge's pages.
export type Aspect = Schemas['AspectResponse'];
export type AspectKind = Aspect['kind'];
export type Aggregation = NonNullable<Aspect['aggregation']>;
export type JudgeMark = Schemas['JudgeMarkResponse'];
export type MarkPurpose = JudgeMark['purpose'];
export type JudgeTask = Schemas['JudgeTaskResponse'];
export type RemarkNotice = Schemas['RemarkNoticeResponse'];
export type SignatureCleared = Schemas['SignatureClearedResponse'];
export type MarkInput = Schemas['MarkInputDto'];
export type MarkWriteResult = Schemas['MarkWriteResponse'];
export type SchemeModule = Schemas['ModuleResponse'];
export type Scheme = Schemas['SchemeResponse'];
export type SchemeBody = Schemas['PutSchemeDto'];
export type AssignedJudge = Schemas['AssignedJudgeResponse'];
export type ModuleAssignment = Schemas['ModuleAssignmentResponse'];
export type ModuleProgress = Schemas['ModuleProgressResponse'];
export type Flag = Schemas['FlagResponse'];
export type RemarkInput = Schemas['RemarkDto'];
export type RecheckItem = Schemas['RecheckResponse'];
export type JudgeCandidate = Schemas['JudgeCandidateResponse'];
export type PieceScoreRow = Schemas['PieceScoreResponse'];
export type TheoryImportResult = Schemas['TheoryImportResponse'];
/** details of MODULE_NOT_READY. */
export type NotReadyDetails = Schemas['ModuleNotReadyDetails'];

// Results and awards (成绩与奖励).
export type EventResults = Schemas['EventResultsResponse'];
export type ResultRow = Schemas['ResultLine'];
export type ResultsStatus = EventResults['status'];
export type PublishInput = Schemas['PublishDto'];
export type Appeal = Schemas['AppealResponse'];
export type Grant = Schemas['GrantResponse'];
export type GrantStatus = Grant['status'];
export type GrantTotals = Schemas['LedgerTotalsResponse'];
export type GrantsComputed = Schemas['GrantsComputedResponse'];
export type Recommendation = Schemas['RecommendationResponse'];
export type SelectionLevel = Recommendation['level'];
export type ExternalResultInput = Schemas['ExternalResultDto'];
export type ExternalResultAnswer = Schemas['ExternalResultAnswer'];
/**
 * A reward policy. Its document is the domain's own RewardPolicy (src/domain/policy.ts): the
 * server validates it before answering, and OpenAPI does not describe it.
 */
export type Policy = Omit<Schemas['PolicyResponse'], 'document'> & { document: PolicyDocument };
export type PolicyDocument = RewardPolicy;
export type PrizeRule = PrizeGrantRule;
export type AwardGroup = keyof PolicyDocument['prizes'];
/** A prize as a key of the policy's JSON. */
export type PrizeKey = `${Prize}`;
/** details of POLICY_INVALID: one refused value of the document. */
export type PolicyProblem = PolicyError;

// The signed-in contestant's own data (GET /api/me/contestant).
export type MyContestant = Schemas['MyContestantResponse'];
export type MyEntry = Schemas['MyEntryResponse'];
export type MyResult = Schemas['MyResultResponse'];
export type MyGrant = Schemas['MyGrantResponse'];
export type MyAppeal = Schemas['MyAppealResponse'];

export type {
  AuthErrorCode,
  CommonErrorCode,
  EditionsErrorCode,
  ErrorCode,
  JudgingErrorCode,
  LiveErrorCode,
  PoliciesErrorCode,
  RegistrationErrorCode,
  ResultsErrorCode,
} from '@error-catalogue';

/**
 * A code an error may carry here: one of the catalogue's (the server throws no other: its
 * AppError takes only these), or one the client makes itself when no body came back.
 */
export type ApiErrorCode = ErrorCode | 'NETWORK_ERROR' | `HTTP_${number}`;

/** Every error the server sends has this shape. */
export type ErrorBody = Omit<Schemas['ErrorBodyResponse'], 'code'> & { code: ApiErrorCode };
/** One refused field of VALIDATION_FAILED's details. */
export type FieldError = Schemas['FieldErrorResponse'];
export type EntryQuery = NonNullable<
  paths['/api/editions/{id}/entries']['get']['parameters']['query']
>;
