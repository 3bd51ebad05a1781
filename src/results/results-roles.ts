import { ORGANIZERS } from '../auth/decorators';

/** Who reads results, appeals, the ledger and the documents: organizers and the two referees. */
export const STAFF = [...ORGANIZERS, 'chief_judge' as const, 'supervisor' as const];
