import { downloadFile } from './files';
import { ApiError, http } from './http';
import { session } from '../auth/session';
import type {
  Appeal,
  ErrorBody,
  EventResults,
  ExternalResultAnswer,
  ExternalResultInput,
  Grant,
  GrantsComputed,
  GrantTotals,
  Policy,
  PolicyDocument,
  PublishInput,
  Recommendation,
  SelectionLevel,
} from './contracts';

/** Results, appeals, the awards ledger, selection and matching (成绩与奖励). */

export type {
  Appeal,
  AwardGroup,
  EventResults,
  ExternalResultAnswer,
  ExternalResultInput,
  Grant,
  GrantStatus,
  GrantTotals,
  Policy,
  PolicyDocument,
  PolicyProblem,
  Prize,
  PrizeKey,
  PrizeRule,
  PublishInput,
  Recommendation,
  ResultRow,
  ResultsStatus,
  SelectionLevel,
} from './contracts';

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
  approve: (grantIds: number[]) => http.post<Grant[]>('/grants/approve', { grantIds }),
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
