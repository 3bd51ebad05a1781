/**
 * Vocational qualification and skill levels (职业资格 / 职业技能等级), lowest first. Every level
 * any ladder uses is here, in one order, so a contestant's level can be compared with a prize's
 * target whichever ladder a policy follows:
 * - the 2015 ladder (国家职业资格五级): 初级工 < 中级工 < 高级工 < 技师 < 高级技师;
 * - the 2022 ladder (人社部《关于健全完善新时代技能人才职业技能等级制度的意见》, 2022): 学徒工 <
 *   初级工 < … < 高级技师 < 特级技师 < 首席技师 (特级/首席 are chosen by employers).
 * Which ladder a competition promotes on, and up to which level, is the policy's data (policy.ts).
 */
export const QUALIFICATION_LEVELS = [
  'apprentice',
  'junior',
  'intermediate',
  'senior',
  'technician',
  'senior_technician',
  'special_technician',
  'chief_technician',
] as const;

export type QualificationLevel = (typeof QUALIFICATION_LEVELS)[number];

/** A ladder: levels a policy promotes on, lowest first (a subsequence of QUALIFICATION_LEVELS). */
export type Ladder = readonly QualificationLevel[];

/** The 2015 five levels: the default of data/policies/wuxi-2015.json. */
export const LADDER_2015: Ladder = [
  'junior',
  'intermediate',
  'senior',
  'technician',
  'senior_technician',
];

/** The 2022 eight levels of 人社部. */
export const LADDER_2022: Ladder = [...QUALIFICATION_LEVELS];

export const QUALIFICATION_LABELS: Record<
  QualificationLevel,
  { zh: string; grade: string | null }
> = {
  apprentice: { zh: '学徒工', grade: null },
  junior: { zh: '初级工', grade: '五级' },
  intermediate: { zh: '中级工', grade: '四级' },
  senior: { zh: '高级工', grade: '三级' },
  technician: { zh: '技师', grade: '二级' },
  senior_technician: { zh: '高级技师', grade: '一级' },
  special_technician: { zh: '特级技师', grade: null },
  chief_technician: { zh: '首席技师', grade: null },
};

/** "技师（二级）", or "特级技师" for a level without a grade. */
export function levelWords(level: QualificationLevel): string {
  const { zh, grade } = QUALIFICATION_LABELS[level];
  return grade ? `${zh}（${grade}）` : zh;
}

export function isQualificationLevel(value: unknown): value is QualificationLevel {
  return typeof value === 'string' && (QUALIFICATION_LEVELS as readonly string[]).includes(value);
}

/** Position among all levels: 0 for 学徒工 up to 7 for 首席技师. */
export function levelRank(level: QualificationLevel): number {
  return QUALIFICATION_LEVELS.indexOf(level);
}

export function compareLevels(a: QualificationLevel, b: QualificationLevel): number {
  return levelRank(a) - levelRank(b);
}

/**
 * The ladder's next level above `level` (which need not be on the ladder: a 学徒工 on the 2015
 * ladder steps to 初级工), or null when the ladder has none above it.
 */
export function nextLevel(
  level: QualificationLevel,
  ladder: Ladder = LADDER_2015,
): QualificationLevel | null {
  return ladder.find((l) => compareLevels(l, level) > 0) ?? null;
}
