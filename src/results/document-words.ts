import { glossaryTerm, upgradeNoteText } from '../common/i18n/glossary';
import type { PolicyClause } from '../domain/policy';
import type { NoPrizeReason } from '../domain/prizes';

/**
 * How the printed documents word things (zh-CN, the language the city files in): marks with two
 * decimals, levels and statuses from the glossary, clause references as the policy's words.
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 17 → 十七, 339 → 三百三十九 (articles are numbered this way in Chinese documents). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) {
    return String(n);
  }
  if (n < 10) {
    return DIGITS[n];
  }
  if (n < 20) {
    return `十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  }
  const units = [
    [1000, '千'],
    [100, '百'],
    [10, '十'],
  ] as const;
  let out = '';
  let rest = n;
  let zero = false;
  for (const [value, word] of units) {
    const d = Math.floor(rest / value);
    if (d > 0) {
      out += (zero ? '零' : '') + DIGITS[d] + word;
      zero = false;
    } else if (out !== '') {
      zero = true;
    }
    rest %= value;
  }
  return rest > 0 ? out + (zero ? '零' : '') + DIGITS[rest] : out;
}

/** A clause's source as words: 第17条 → 第十七条; the competition's practice, not a file name. */
export function clauseSourceWords(source: string): string {
  return source
    .replace(/第(\d+)条/g, (_m, n: string) => `第${chineseNumeral(Number(n))}条`)
    .replace(/(?:docs\/domain|DOMAIN)\.md[（(]?([^）)]*)[）)]?/, (_m, note: string) => {
      const rest = note.replace(/，?非第.+条原文/, '').replace(/^竞赛惯例$/, '');
      return rest ? `竞赛惯例（${rest}）` : '竞赛惯例';
    });
}

/** A grant's clause ids as the references a reader can look up, each once, in order. */
export function clauseReferences(ids: readonly string[], clauses: readonly PolicyClause[]): string {
  const words = ids.map((id) => {
    const clause = clauses.find((c) => c.id === id);
    return clause ? clauseSourceWords(clause.source) : '奖励政策';
  });
  return [...new Set(words)].join('；');
}

export const mark2 = (n: number | null | undefined): string =>
  n === null || n === undefined ? '' : n.toFixed(2);

export const levelWord = (l: string | null | undefined): string =>
  l ? glossaryTerm('levels', l, 'zh-CN') : '';

export const prizeWord = (p: number | null | undefined): string =>
  p ? glossaryTerm('prizes', p, 'zh-CN') : '';

/** 1 h 02 min 05 s as 1小时02分05秒; minutes and seconds below an hour. */
export function durationWords(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) {
    return '';
  }
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  const pad = (v: number) => String(v).padStart(2, '0');
  return h > 0 ? `${h}小时${pad(m)}分${pad(s)}秒` : `${m}分${pad(s)}秒`;
}

/** The promotion column: "高级工（三级） → 技师（二级）", or why there is none. */
export function upgradeWords(from: string | null, to: string | null, note: string | null): string {
  if (to) {
    return `${levelWord(from) || '无'} → ${levelWord(to)}`;
  }
  return upgradeNoteText(note, 'zh-CN');
}

/** How a certificate addresses the person: 职工 as 同志, students as 同学. */
export function addressee(group: string): string {
  return group === 'student' ? '同学' : '同志';
}

/** "2026年12月1日 21:38" (Beijing time) for a stored ISO instant, as a sheet prints it. */
export function chineseDateTime(iso: string): string {
  const at = new Date(new Date(iso).getTime() + 8 * 3600_000);
  if (Number.isNaN(at.getTime())) {
    return iso;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getUTCFullYear()}年${at.getUTCMonth() + 1}月${at.getUTCDate()}日 ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
}

/** Why a result line has no prize, as the results sheet prints it. */
export const NO_PRIZE_ZH: Record<NoPrizeReason, string> = {
  'did-not-compete': '缺考',
  'below-floor': '未达获奖分数线',
  'beyond-quota': '',
  'past-winner': '往届获奖者（不再授奖）',
  'field-too-small': '参赛人数不足，不设此奖',
};
/** Printed beside a prize won with theory counted 0 (marked absent from it by the chief judge). */
export const THEORY_ABSENT_NOTE = '理论缺考';
