import { http } from './http';
import type {
  CompetitionEvent,
  Edition,
  EditionInput,
  EditionWriteResponse,
  EventInput,
  Policy,
} from './contracts';

/**
 * A reward policy as the edition dialog offers it (GET /policies, organizers and supervisors);
 * its id names the version too: wuxi-2015, a clone wuxi-2027, …
 */
export type PolicyChoice = Pick<Policy, 'id' | 'name'>;

/** Organizer view: drafts included (the token decides what the server shows). */
export const editionsApi = {
  list: () => http.get<Edition[]>('/editions'),
  get: (id: number) => http.get<Edition>(`/editions/${id}`),
  create: (input: EditionInput) => http.post<EditionWriteResponse>('/editions', input),
  update: (id: number, input: Partial<EditionInput>) =>
    http.patch<EditionWriteResponse>(`/editions/${id}`, input),
  remove: (id: number) => http.delete(`/editions/${id}`),
  events: (id: number) => http.get<CompetitionEvent[]>(`/editions/${id}/events`),
  /** The policies an edition can follow; PATCH /editions/:id { policyId } points it at one. */
  policies: () => http.get<PolicyChoice[]>('/policies'),
};

export const eventsApi = {
  create: (editionId: number, input: EventInput) =>
    http.post<CompetitionEvent>(`/editions/${editionId}/events`, input),
  update: (id: number, input: Partial<EventInput>) =>
    http.patch<CompetitionEvent>(`/events/${id}`, input),
  remove: (id: number) => http.delete(`/events/${id}`),
};

/** What anyone sees, signed in or not: published editions and their published events. */
export const publicApi = {
  editions: () => http.get<Edition[]>('/editions', { auth: false }),
  events: (editionId: number) =>
    http.get<CompetitionEvent[]>(`/editions/${editionId}/events`, { auth: false }),
};
