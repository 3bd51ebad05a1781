import { http } from './http';
import type { PhasedEvent } from './contracts';
import type {
  Flag,
  JudgeCandidate,
  JudgeTask,
  MarkInput,
  MarkWriteResult,
  ModuleAssignment,
  ModuleProgress,
  PieceScoreRow,
  RecheckItem,
  RemarkInput,
  Scheme,
  DecryptResult,
  SchemeBody,
} from './contracts';

/** The judge's tablet. */
export const judgeApi = {
  tasks: () => http.get<JudgeTask[]>('/judge/tasks'),
  batch: (marks: MarkInput[]) =>
    http.post<{ results: MarkWriteResult[] }>('/judge/marks/batch', { marks }),
  sign: (moduleId: number) => http.post<{ signedAt: string }>(`/judge/modules/${moduleId}/sign`),
};

/** The chief judge's side: scheme, assignment, progress, flags, recheck, lock. */
export const chiefApi = {
  scheme: (eventId: number) => http.get<Scheme>(`/events/${eventId}/scheme`),
  putScheme: (eventId: number, body: SchemeBody) =>
    http.put<Scheme>(`/events/${eventId}/scheme`, body),
  assignments: (eventId: number) => http.get<ModuleAssignment[]>(`/events/${eventId}/assignments`),
  judgeCandidates: (eventId: number, q = '') =>
    http.get<JudgeCandidate[]>(`/events/${eventId}/judge-candidates?q=${encodeURIComponent(q)}`),
  scores: (eventId: number) => http.get<PieceScoreRow[]>(`/events/${eventId}/scores`),
  recordTime: (eventId: number, workpieceCode: string, seconds: number) =>
    http.post<{ workpieceCode: string; seconds: number }>(`/events/${eventId}/times`, {
      workpieceCode,
      seconds,
    }),
  /** 缺考: the chief judge marks a competitor absent from theory, with a reason. */
  markTheoryAbsent: (eventId: number, checkInCode: string, reason: string) =>
    http.post<{ checkInCode: string; workpieceCode: string; changed: boolean }>(
      `/events/${eventId}/theory/absent`,
      { checkInCode, reason },
    ),
  putAssignments: (eventId: number, modules: { moduleId: number; judgeIds: number[] }[]) =>
    http.put<ModuleAssignment[]>(`/events/${eventId}/assignments`, { modules }),
  progress: (eventId: number) => http.get<ModuleProgress[]>(`/events/${eventId}/progress`),
  flags: (eventId: number) => http.get<Flag[]>(`/events/${eventId}/flags`),
  remark: (eventId: number, input: RemarkInput) =>
    http.post<unknown>(`/events/${eventId}/remarks`, input),
  recheck: (eventId: number) => http.post<RecheckItem[]>(`/events/${eventId}/recheck`),
  lock: (moduleId: number) => http.post<ModuleProgress>(`/modules/${moduleId}/lock`),
  event: (eventId: number) => http.get<PhasedEvent>(`/events/${eventId}`),
  /** 解密: opened by the chief judge, confirmed by the supervisor signing in on the same screen. */
  decrypt: (eventId: number, supervisorUsername: string, supervisorPassword: string) =>
    http.post<DecryptResult>(`/events/${eventId}/decrypt`, {
      supervisorUsername,
      supervisorPassword,
    }),
  unlock: (moduleId: number, reason: string) =>
    http.post<ModuleProgress>(`/modules/${moduleId}/unlock`, { reason }),
};
