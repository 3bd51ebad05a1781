/** The judging DTOs (judge tablet and chief judge pages), as the API returns them. */

export type AspectKind = 'measurement' | 'judgement' | 'deduction';
export type Aggregation = 'mean' | 'trimmed-mean' | 'worldskills';
export type MarkPurpose = 'primary' | 'recheck';

export interface Aspect {
  id: number;
  code: string;
  description: string;
  kind: AspectKind;
  aggregation?: Aggregation;
  max: number;
  step?: number;
  maxSpread?: number;
}

export interface JudgeMark {
  id: string;
  aspectId: number;
  workpieceCode: string;
  value: number;
  version: number;
  purpose: MarkPurpose;
}

/** One module the judge marks: codes only, never who. */
export interface JudgeTask {
  eventId: number;
  eventName: string;
  moduleId: number;
  moduleCode: string;
  moduleName: string;
  lockedAt: string | null;
  signedAt: string | null;
  aspects: Aspect[];
  workpieceCodes: string[];
  marks: JudgeMark[];
  /** "aspectId:workpieceCode" the chief judge asked to re-mark. */
  remarks: string[];
  /** The same requests with the chief judge's reason; answered once I mark the cell again. */
  requests: RemarkNotice[];
  /** Why my signature went (a re-mark request or an unlock), until I sign again. */
  signatureCleared: SignatureCleared | null;
}

export interface RemarkNotice {
  aspectId: number;
  workpieceCode: string;
  reason: string;
  requestedAt: string;
  answered: boolean;
}

export interface SignatureCleared {
  cause: 'remark' | 'unlock';
  reason: string;
  at: string;
}

export interface MarkInput {
  clientId: string;
  workpieceCode: string;
  aspectId: number;
  value: number;
  baseVersion?: number;
  reason?: string;
  purpose?: MarkPurpose;
}

/** One answer of a batch: the mark (200/201) or an error body. */
export interface MarkWriteResult {
  clientId: string;
  status: number;
  body: unknown;
}

export interface SchemeModule {
  id: number;
  code: string;
  name: string;
  lockedAt: string | null;
  aspects: Aspect[];
}

export interface Scheme {
  eventId: number;
  hasTheory: boolean;
  modules: SchemeModule[];
}

/** The PUT /events/:id/scheme body: the whole scheme, modules and aspects in order. */
export interface SchemeBody {
  modules: {
    code: string;
    name: string;
    aspects: {
      code: string;
      description: string;
      kind: AspectKind;
      aggregation?: Aggregation;
      max: number;
      step?: number;
      maxSpread?: number;
    }[];
  }[];
}

export interface AssignedJudge {
  judgeId: number;
  displayName: string;
  unitName: string | null;
  recusedPieces: number;
  coveredBy: string[];
  signedAt: string | null;
}

export interface ModuleAssignment {
  moduleId: number;
  code: string;
  name: string;
  judges: AssignedJudge[];
  uncoveredPieces: number;
}

export interface ModuleProgress {
  moduleId: number;
  code: string;
  name: string;
  expected: number;
  entered: number;
  flagged: number;
  signed: number;
  judges: number;
  lockedAt: string | null;
}

export interface Flag {
  aspectId: number;
  aspectCode: string;
  workpieceCode: string;
  spread: number;
  values: { judge: string; value: number }[];
}

export interface RemarkInput {
  aspectId: number;
  workpieceCode: string;
  judgeIds: number[];
  reason: string;
}

export interface RecheckItem {
  workpieceCode: string;
  reason: 'top' | 'random';
  aspects: {
    aspectId: number;
    code: string;
    primary: number | null;
    recheck: number | null;
    mismatch: boolean;
  }[];
}

/** details of MODULE_NOT_READY. */
export interface NotReadyDetails {
  missing?: unknown;
  unsigned?: unknown;
  flagged?: unknown;
}

/** The answer of POST /events/:id/decrypt: when, and the two people who did it. */
export interface DecryptResult {
  decryptedAt: string;
  chief: { id: number; name: string };
  supervisor: { id: number; name: string };
}

/** A judge the chief judge may pick, with the event's contestants from their own unit. */
export interface JudgeCandidate {
  judgeId: number;
  displayName: string;
  unitName: string | null;
  conflicts: number;
  contestants: number;
}

/** A work-piece's provisional scores (GET /events/:id/scores), the fields the pages use. */
export interface PieceScoreRow {
  workpieceCode: string;
  timeUsedSeconds: number | null;
  practical: number | null;
  theory: number | null;
  /** Marked absent from theory by the chief judge (缺考): theory counts 0. */
  theoryAbsent?: boolean;
  total: number | null;
}

/** The answer of a theory import (dry run or not): row errors, or how many were imported. */
export interface TheoryImportResult {
  dryRun: boolean;
  imported: number;
  errors: { row: number; column: string | null; code: string; message: string }[];
}
