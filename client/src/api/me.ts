import { http } from './http';
import type { Prize, ResultsStatus } from './awards';
import type { EntryStatus } from './contracts';

/** The signed-in contestant's own data (GET /api/me/contestant); nobody else's. */

export interface MyResult {
  status: 'competed' | 'absent' | string;
  rank: number | null;
  tied: boolean;
  total: number | null;
  /** Marked absent from theory (缺考): theory counted 0. */
  theoryAbsent: boolean;
  prize: Prize | null;
  noPrizeReason: string | null;
  titles: string[];
  cash: number;
  /** "senior → technician", or why there is no upgrade. */
  upgrade: string | null;
}

export interface MyEntry {
  entryId: number;
  entryNo: string;
  editionId: number;
  editionYear: number;
  editionName: string;
  eventId: number;
  eventName: string;
  group: 'worker' | 'student';
  status: EntryStatus;
  statusReason: string | null;
  /** 工位号, once drawn. */
  workstationNo: number | null;
  checkInStatus: 'present' | 'absent' | null;
  checkedInAt: string | null;
  late: boolean;
  resultsStatus: ResultsStatus;
  publicationEnd: string | null;
  appealDeadline: string | null;
  /** Published and the deadline not passed when the server answered. */
  appealOpen: boolean;
  /** Only once the results are published or final. */
  result: MyResult | null;
  /** Decrypted, not yet published (公示): the public board's row for me, provisional (暂定). */
  provisional: { rank: number; tied: boolean; total: number } | null;
}

export interface MyGrant {
  id: number;
  editionId: number;
  eventId: number | null;
  eventName: string | null;
  basis: 'prize' | 'matching';
  prize: Prize | null;
  titles: string[];
  modelWorkerTreatment: boolean;
  upgradeFrom: string | null;
  upgradeTo: string | null;
  upgradeNote: string | null;
  upgradeCode: string | null;
  cash: number;
  status: 'pending' | 'approved' | 'paid';
  paidAt: string | null;
}

export interface MyAppeal {
  id: number;
  eventId: number;
  text: string;
  filedAt: string;
  status: 'filed' | 'accepted' | 'rejected';
  decision: string | null;
  decidedAt: string | null;
}

export interface MyContestant {
  contestant: { id: number; name: string; unitName: string };
  entries: MyEntry[];
  grants: MyGrant[];
  appeals: MyAppeal[];
}

export const meApi = {
  contestant: () => http.get<MyContestant>('/me/contestant'),
  fileAppeal: (eventId: number, text: string) =>
    http.post<{ id: number }>(`/events/${eventId}/appeals`, { text }),
};
