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
