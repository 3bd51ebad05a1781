/**
 * The competition's words, once, in both languages: the console, the documents and the boards
 * all read them from here, so the same state never has two names (待批准 vs 待审批).
 * No Nest, no Node: the client imports this file too (`@glossary`).
 */
export type Locale = 'zh-CN' | 'en';
export type Term = Record<Locale, string>;

const term = (zh: string, en: string): Term => ({ 'zh-CN': zh, en });

export const GLOSSARY = {
  /** 职业技能等级: the 2015 five levels, and the 2022 ladder's 学徒工, 特级技师, 首席技师. */
  levels: {
    apprentice: term('学徒工', 'Apprentice'),
    junior: term('初级工（五级）', 'Junior worker (level 5)'),
    intermediate: term('中级工（四级）', 'Intermediate worker (level 4)'),
    senior: term('高级工（三级）', 'Senior worker (level 3)'),
    technician: term('技师（二级）', 'Technician (level 2)'),
    senior_technician: term('高级技师（一级）', 'Senior technician (level 1)'),
    special_technician: term('特级技师', 'Special-grade technician'),
    chief_technician: term('首席技师', 'Chief technician'),
  },
  groups: {
    worker: term('职工组', 'Worker group'),
    student: term('学生组', 'Student group'),
  },
  /** How a certificate addresses the person, by group. */
  addressees: {
    worker: term('职工', 'worker'),
    student: term('学生', 'student'),
  },
  modes: {
    individual: term('个人', 'Individual'),
    pair: term('双人', 'Pair'),
    trio: term('三人', 'Trio'),
  },
  prizes: {
    '1': term('一等奖', 'First prize'),
    '2': term('二等奖', 'Second prize'),
    '3': term('三等奖', 'Third prize'),
    '4': term('优胜奖', 'Honourable mention'),
  },
  roles: {
    admin: term('系统管理员', 'Administrator'),
    organizer: term('组委会', 'Organizer'),
    chief_judge: term('裁判长', 'Chief judge'),
    encryption_judge: term('加密裁判', 'Encryption judge'),
    judge: term('评分裁判', 'Judge'),
    supervisor: term('监督仲裁', 'Supervisor'),
    contestant: term('选手', 'Contestant'),
  },
  editionStatuses: {
    draft: term('草稿', 'Draft'),
    published: term('已发布', 'Published'),
    closed: term('已结束', 'Closed'),
  },
  entryStatuses: {
    submitted: term('待审核', 'Awaiting review'),
    approved: term('已通过', 'Approved'),
    rejected: term('未通过', 'Rejected'),
    withdrawn: term('已撤回', 'Withdrawn'),
  },
  checkInStates: {
    present: term('已检录', 'Checked in'),
    absent: term('缺考', 'Absent'),
    waiting: term('待检录', 'Not checked in'),
  },
  resultsStatuses: {
    none: term('未计算', 'Not computed'),
    provisional: term('待公示', 'Provisional'),
    published: term('公示中', 'Under publication'),
    final: term('最终成绩', 'Final'),
  },
  grantStatuses: {
    pending: term('待审批', 'Pending approval'),
    approved: term('已审批', 'Approved'),
    paid: term('已发放', 'Paid'),
  },
  appealStatuses: {
    filed: term('待处理', 'Filed'),
    accepted: term('已受理', 'Accepted'),
    rejected: term('已驳回', 'Rejected'),
  },
  /** The day's phases (docs/domain.md). */
  phases: {
    registration: term('报名', 'Registration'),
    review: term('资格审核', 'Eligibility review'),
    draw: term('抽签', 'Draw'),
    checkIn: term('检录', 'Check-in'),
    encryption: term('加密', 'Encryption'),
    marking: term('评分', 'Marking'),
    recheck: term('复核', 'Recheck'),
    lock: term('锁定', 'Lock'),
    decryption: term('解密', 'Decryption'),
    publication: term('公示', 'Publication'),
    appeals: term('申诉', 'Appeals'),
    final: term('最终成绩', 'Final results'),
  },
  /** Why a grant brings no promotion (domain/rewards.ts upgradeFor's codes). */
  upgradeNotes: {
    'at-top': term('已是最高等级，不再晋升', 'Already at the top level; no promotion'),
    'at-cap': term(
      '已达到竞赛可晋升的最高等级，不再晋升',
      'Already at the highest level a competition awards; no promotion',
    ),
    'once-a-year': term(
      '每人每年至多晋升一次，本次不再晋升',
      'At most one promotion a year: already promoted this year',
    ),
    none: term('该奖项不含职业资格晋升', 'The prize brings no promotion'),
  },
  competitionLevels: {
    provincial: term('省级', 'Provincial'),
    national: term('国家级', 'National'),
    world: term('世界级', 'World'),
  },
} as const satisfies Record<string, Record<string, Term>>;

export type GlossarySection = keyof typeof GLOSSARY;

/** The word for `key` in a glossary section, or the key itself when the section has no such word. */
export function glossaryTerm(section: GlossarySection, key: unknown, locale: Locale): string {
  const words = GLOSSARY[section] as Record<string, Term>;
  const found = typeof key === 'string' || typeof key === 'number' ? words[String(key)] : undefined;
  return found ? found[locale] : String(key ?? '');
}

/** A section as `{ key: word }` in one language, for a UI catalogue. */
export function glossarySection(section: GlossarySection, locale: Locale): Record<string, string> {
  return Object.fromEntries(
    Object.entries(GLOSSARY[section] as Record<string, Term>).map(([k, t]) => [k, t[locale]]),
  );
}

/** Older grants kept the English reason; newer ones keep upgradeFor's code. */
const LEGACY_UPGRADE_NOTES: Record<string, string> = {
  'already at the top level': 'at-top',
  'the prize brings no promotion': 'none',
};

/** A grant's "no promotion" note as words, whether stored as a code or an old English reason. */
export function upgradeNoteText(note: string | null | undefined, locale: Locale): string {
  if (!note) {
    return '';
  }
  return glossaryTerm('upgradeNotes', LEGACY_UPGRADE_NOTES[note] ?? note, locale);
}

/**
 * A grant's "no promotion" as a reader sees it: in Chinese the note as stored (it may name the
 * promotion already granted that year); in English the words of its code.
 */
export function grantUpgradeNote(
  note: string | null | undefined,
  code: string | null | undefined,
  locale: Locale,
): string {
  if (locale === 'en' && code && code in GLOSSARY.upgradeNotes) {
    return glossaryTerm('upgradeNotes', code, locale);
  }
  return upgradeNoteText(note, locale) || (code ? glossaryTerm('upgradeNotes', code, locale) : '');
}

/** zh-CN unless the Accept-Language header prefers English (q-values honoured). */
export function localeFromHeader(header: string | string[] | undefined | null): Locale {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { locale: Locale; q: number } | null = null;
  for (const part of value.split(',')) {
    const [tag, ...attrs] = part.trim().toLowerCase().split(';');
    const qAttr = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
    const q = qAttr ? Number(qAttr.slice(2)) : 1;
    const locale: Locale | null =
      tag === 'en' || tag.startsWith('en-')
        ? 'en'
        : tag === 'zh' || tag.startsWith('zh-')
          ? 'zh-CN'
          : null;
    if (locale && Number.isFinite(q) && q > 0 && (best === null || q > best.q)) {
      best = { locale, q };
    }
  }
  return best?.locale ?? 'zh-CN';
}
