import type { Aggregation, AspectKind } from '../../api/contracts';

export const ASPECT_KINDS: AspectKind[] = ['measurement', 'judgement', 'deduction'];
export const AGGREGATIONS: Aggregation[] = ['mean', 'trimmed-mean', 'worldskills'];
