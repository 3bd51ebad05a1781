import { http } from './http';
import type { Appeal, MyContestant } from './contracts';

/** The signed-in contestant's own data (GET /api/me/contestant); nobody else's. */

export type { MyAppeal, MyContestant, MyEntry, MyGrant, MyResult } from './contracts';

export const meApi = {
  contestant: () => http.get<MyContestant>('/me/contestant'),
  fileAppeal: (eventId: number, text: string) =>
    http.post<Appeal>(`/events/${eventId}/appeals`, { text }),
};
