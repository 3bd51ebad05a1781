import { downloadFile, uploadFile } from './files';
import { http } from './http';
import type {
  CodeMapRow,
  Contestant,
  ContestantAccount,
  Draw,
  EligibilityRules,
  Entry,
  EntryInput,
  EntryQuery,
  ImportJob,
  PhasedEvent,
  ReviewDecision,
  ReviewResult,
  Unit,
  UnitInput,
} from './contracts';

/** ?a=1&b=x for the defined, non-empty values. */
export function queryString(params: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const unitsApi = {
  list: () => http.get<Unit[]>('/units'),
  create: (input: UnitInput) => http.post<Unit>('/units', input),
  update: (id: number, input: Partial<UnitInput>) => http.patch<Unit>(`/units/${id}`, input),
  contestants: (query: { unitId?: number; q?: string }) =>
    http.get<Contestant[]>(`/contestants${queryString(query)}`),
};

export const contestantsApi = {
  /** The contestant's login (role contestant); username defaults to c + the 4-digit id. */
  createAccount: (contestantId: number, username?: string) =>
    http.post<ContestantAccount>(
      `/contestants/${contestantId}/account`,
      username ? { username } : {},
    ),
};

export const entriesApi = {
  list: (editionId: number, query: EntryQuery = {}) =>
    http.get<Entry[]>(`/editions/${editionId}/entries${queryString(query)}`),
  submit: (input: EntryInput) => http.post<Entry>('/entries', input),
  review: (entryIds: number[], decision: ReviewDecision, reason?: string) =>
    http.post<ReviewResult>('/entries/review', { entryIds, decision, reason }),
  download: (editionId: number, query: { eventId?: number; unitId?: number }) =>
    downloadFile(`/editions/${editionId}/entries.xlsx${queryString(query)}`, '报名名单.xlsx'),
};

export const importsApi = {
  template: () => downloadFile('/imports/template.xlsx', '报名表模板.xlsx'),
  start: (editionId: number, file: File) =>
    uploadFile<ImportJob>(`/editions/${editionId}/imports`, file),
  get: (jobId: string) => http.get<ImportJob>(`/imports/${jobId}`),
  commit: (jobId: string) => http.post<ImportJob>(`/imports/${jobId}/commit`),
};

/** One event's day: draw (抽签), check-in (检录) and the blind codes (加密). */
export const phasesApi = {
  draw: (eventId: number, reason?: string) =>
    http.post<Draw>(`/events/${eventId}/draw`, reason ? { reason } : {}),
  draws: (eventId: number) => http.get<Draw[]>(`/events/${eventId}/draws`),
  roster: (eventId: number) => http.get<Entry[]>(`/events/${eventId}/roster`),
  checkIn: (
    eventId: number,
    who: { idNumber?: string; entryNo?: string },
    status: 'present' | 'absent',
  ) => http.post<Entry>(`/events/${eventId}/check-in`, { ...who, status }),
  generateCodes: (eventId: number) => http.post<{ generated: number }>(`/events/${eventId}/codes`),
  codeMap: (eventId: number) => http.get<CodeMapRow[]>(`/events/${eventId}/code-map`),
  /** The event's eligibility rules and check-in deadline (PATCH /events/:id). */
  updateRules: (
    eventId: number,
    input: { eligibility: EligibilityRules; checkInClosesAt?: string },
  ) => http.patch<PhasedEvent>(`/events/${eventId}`, input),
};
