import { downloadFile } from './files';
import { ApiError, http } from './http';
import { session } from '../auth/session';
import type { ErrorBody } from './contracts';
import type { components } from './schema';

/** What generating the ledger did, and the counts that say why it did nothing. */
export type GrantsComputed = components['schemas']['GrantsComputedResponse'];

/** Results, appeals, the awards ledger, selection and matching (成绩与奖励). */

export type Prize = 1 | 2 | 3;
export type PrizeKey = '1' | '2' | '3';
export type AwardGroup = 'worker' | 'student';

export interface PrizeRule {
  clauses: string[];
  titles: string[];
  modelWorkerTreatment: boolean;
  qualification: { target: string } | null;
  cash: number;
  teamCash?: string | number | null;
  certificate: boolean;
}

export interface MatchingLevel {
  maxPlacing: number;
}

export interface PolicyDocument {
  id: string;
  name: string;
  source: { document: string; title: string; item: number | string };
  clauses: { id: string; source: string; quote: string }[];
  titles: { name: string; en: string; clause: string }[];
  prizes: Partial<Record<AwardGroup, Partial<Record<PrizeKey, PrizeRule>>>>;
  matching: {
    clause: string;
    national: MatchingLevel | null;
    provincial: MatchingLevel | null;
    world: MatchingLevel | null;
    ratio: number;
  };
  /** The ladder promoted on, the highest level a competition awards, one promotion a year. */
  promotion: {
    ladder: { levels: string[]; clause: string };
    cap: { level: string; clause: string };
    oncePerYear: { enabled: boolean; clause: string };
  };
  /** 公示: the shortest window without the chief judge's reasoned exception. */
  publication: { minDays: number; clause: string };
}

export interface Policy {
  id: string;
  name: string;
  origin: 'file' | 'console';
  basedOn: string | null;
  usedBy: number[];
  frozen: boolean;
  document: PolicyDocument;
  updatedAt: string;
}

export interface PolicyProblem {
  path: string;
  code: string;
  message: string;
}

export type ResultsStatus = 'none' | 'provisional' | 'published' | 'final';

export interface ResultRow {
  entryId: number;
  contestantId: number;
  entryNo: string;
  workstationNo: number | null;
  name: string;
  unitName: string | null;
  status: string;
  total: number | null;
  rank: number | null;
  tied: boolean;
  /** Marked absent from theory by the chief judge: theory counted 0 (缺考). */
  theoryAbsent: boolean;
  prize: Prize | null;
  noPrizeReason: string | null;
  titles: string[];
  cash: number;
  upgrade: string | null;
}

export interface EventResults {
  eventId: number;
  status: ResultsStatus;
  publicationStart: string | null;
  publicationEnd: string | null;
  appealDeadline: string | null;
  finalAt: string | null;
  /** Why the results cannot become final now (an error code the console explains), or null. */
  finalBlocker: string | null;
  rows: ResultRow[];
}

export interface Appeal {
  id: number;
  eventId: number;
  filedByName: string;
  text: string;
  filedAt: string;
  status: 'filed' | 'accepted' | 'rejected';
  decision: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export type GrantStatus = 'pending' | 'approved' | 'paid';

export interface Grant {
  id: number;
  editionId: number;
  eventId: number | null;
  contestantId: number;
  basis: 'prize' | 'matching';
  basisRef: string;
  prize: Prize | null;
  titles: string[];
  modelWorkerTreatment: boolean;
  upgradeFrom: string | null;
  upgradeTo: string | null;
  upgradeNote: string | null;
  upgradeCode: string | null;
  cash: number;
  clauses: string[];
  status: GrantStatus;
  approvedBy: string | null;
  approvedAt: string | null;
  paidBy: string | null;
  paidAt: string | null;
  paymentRef: string | null;
  approvedById: number | null;
  paidById: number | null;
  editedById: number | null;
  /** As the person was when the grant was created (paid history never changes). */
  contestantName: string | null;
  idNumberMasked: string | null;
  unitName: string | null;
  eventName: string | null;
}

export interface GrantTotals {
  edition: number;
  prizes: { cash: number; grants: number };
  /** 1:1 matching grants: their own group, under no event. */
  matching: { cash: number; grants: number };
  byEvent: { eventId: number; cash: number; grants: number }[];
  byUnit: { unitName: string; cash: number; grants: number }[];
}

export type SelectionLevel = 'provincial' | 'national';

export interface Recommendation {
  id: number;
  eventId: number;
  entryId: number | null;
  contestantId: number;
  level: SelectionLevel;
  rank: number;
  reason: string;
  recommendedBy: string | null;
  createdAt: string;
}

export interface PublishInput {
  start: string;
  end: string;
  appealDeadline?: string;
  /** The chief judge's exception: a shorter or earlier window, with the reason. */
  reason?: string;
  chiefUsername?: string;
  chiefPassword?: string;
}

export interface ExternalResultInput {
  contestantId: number;
  competition: string;
  level: 'provincial' | 'national' | 'world';
  year: number;
  eventName: string;
  placing: number;
  amount: number;
  evidenceNo: string;
}

export interface ExternalResultAnswer {
  result: ExternalResultInput & { id: number; qualifies: boolean; reason: string | null };
  grant: Grant | null;
}

export const DOCUMENTS = ['award-list', 'payout-list', 'upgrade-list'] as const;
export type DocumentName = (typeof DOCUMENTS)[number];

export const policiesApi = {
  list: () => http.get<Policy[]>('/policies'),
  get: (id: string) => http.get<Policy>(`/policies/${encodeURIComponent(id)}`),
  clone: (id: string, input: { id: string; name: string }) =>
    http.post<Policy>(`/policies/${encodeURIComponent(id)}/clone`, input),
  update: (id: string, document: PolicyDocument) =>
    http.put<Policy>(`/policies/${encodeURIComponent(id)}`, { document }),
};

export const resultsApi = {
  get: (eventId: number) => http.get<EventResults>(`/events/${eventId}/results`),
  compute: (eventId: number) => http.post<EventResults>(`/events/${eventId}/results/compute`),
  publish: (eventId: number, input: PublishInput) =>
    http.post<EventResults>(`/events/${eventId}/results/publish`, input),
  finalize: (eventId: number) => http.post<EventResults>(`/events/${eventId}/results/finalize`),
  sheet: (eventId: number) => fetchHtml(`/events/${eventId}/results/sheet`),
  appeals: (eventId: number) => http.get<Appeal[]>(`/events/${eventId}/appeals`),
  fileAppeal: (eventId: number, text: string) =>
    http.post<Appeal>(`/events/${eventId}/appeals`, { text }),
  decide: (appealId: number, accept: boolean, decision: string) =>
    http.post<Appeal>(`/appeals/${appealId}/decision`, { accept, decision }),
};

export const ledgerApi = {
  compute: (editionId: number) =>
    http.post<GrantsComputed>(`/editions/${editionId}/grants/compute`),
  list: (editionId: number) => http.get<Grant[]>(`/editions/${editionId}/grants`),
  totals: (editionId: number) => http.get<GrantTotals>(`/editions/${editionId}/grants/totals`),
  approve: (grantIds: number[]) => http.post<unknown>('/grants/approve', { grantIds }),
  pay: (grantId: number, paymentRef: string) =>
    http.post<Grant>(`/grants/${grantId}/pay`, { paymentRef }),
  certificate: (grantId: number) => fetchHtml(`/grants/${grantId}/certificate`),
  download: (editionId: number, name: DocumentName) =>
    downloadFile(`/editions/${editionId}/documents/${name}.xlsx`, `${name}.xlsx`),
};

export const selectionApi = {
  recommendations: (eventId: number) =>
    http.get<Recommendation[]>(`/events/${eventId}/recommendations`),
  recommend: (
    eventId: number,
    level: SelectionLevel,
    entries: { entryId: number; reason: string }[],
  ) => http.post<Recommendation[]>(`/events/${eventId}/recommendations`, { level, entries }),
  external: (input: ExternalResultInput) =>
    http.post<ExternalResultAnswer>('/external-results', input),
};

/** An HTML document the API serves to signed-in users (certificates, results sheets). */
export async function fetchHtml(path: string): Promise<string> {
  const attempt = () =>
    fetch(`/api${path}`, {
      headers: {
        Accept: 'text/html',
        ...(session.accessToken ? { Authorization: `Bearer ${session.accessToken}` } : {}),
      },
    });
  let response: Response;
  try {
    response = await attempt();
    if (response.status === 401 && session.current) {
      await http.get('/auth/me').catch(() => undefined);
      response = await attempt();
    }
  } catch (error) {
    throw new ApiError({
      statusCode: 0,
      code: 'NETWORK_ERROR',
      message: error instanceof Error ? error.message : String(error),
    });
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ErrorBody | null;
    throw new ApiError(
      body && typeof body.code === 'string'
        ? body
        : { statusCode: response.status, code: `HTTP_${response.status}`, message: '' },
    );
  }
  return response.text();
}
