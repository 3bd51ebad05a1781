/**
 * The national vocational qualification ladder (国家职业资格等级), lowest first:
 * 五级/初级工 < 四级/中级工 < 三级/高级工 < 二级/技师 < 一级/高级技师.
 */
export const QUALIFICATION_LEVELS = [
  'junior',
  'intermediate',
  'senior',
  'technician',
  'senior_technician',
] as const;

export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];

export const QUALIFICATION_LABELS: Record<QualificationLevel, { zh: string; grade: string }> = {
  junior: { zh: '初级工', grade: '五级' },
  intermediate: { zh: '中级工', grade: '四级' },
  senior: { zh: '高级工', grade: '三级' },
  technician: { zh: '技师', grade: '二级' },
  senior_technician: { zh: '高级技师', grade: '一级' },
};

export function isQualificationLevel(value: unknown): value is QualificationLevel {
  return typeof value === 'string' && (QUALIFICATION_LEVELS as readonly string[]).includes(value);
}

/** Position on the ladder: 0 for 初级工 up to 4 for 高级技师. */
export function levelRank(level: QualificationLevel): number {
  return QUALIFICATION_LEVELS.indexOf(level);
}

/** The level one step up, or null when already at 高级技师 (the top). */
export function nextLevel(level: QualificationLevel): QualificationLevel | null {
  return QUALIFICATION_LEVELS[levelRank(level) + 1] ?? null;
}

export function compareLevels(a: QualificationLevel, b: QualificationLevel): number {
  return levelRank(a) - levelRank(b);
}
