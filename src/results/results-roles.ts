import { ORGANIZERS } from '../auth/decorators';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Who reads results, appeals, the ledger and the documents: organizers and the two referees. */
export const STAFF = [...ORGANIZERS, 'chief_judge' as const, 'supervisor' as const];
