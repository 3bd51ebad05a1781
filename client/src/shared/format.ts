import { useI18n } from 'vue-i18n';

/** ¥50,000 */
export function yuan(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : `¥${n.toLocaleString('zh-CN')}`;
}

/** The tag colour of a prize (1, 2, 3; anything else has none). */
export function prizeTagType(prize: number | null): 'danger' | 'warning' | 'success' | 'info' {
  return prize === 1 ? 'danger' : prize === 2 ? 'warning' : prize === 3 ? 'success' : 'info';
}

/** A date-time in the user's locale; '—' when absent. */
export function dateTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** Qualification levels in the user's language (event.levels.*); unknown text stays as is. */
export function useLevelText() {
  const { t, te } = useI18n();
  const level = (key: string) => (te(`event.levels.${key}`) ? t(`event.levels.${key}`) : key);
  /** "senior → technician" (the results' upgrade column) → "高级工(三级) → 技师(二级)". */
  const upgrade = (text: string | null) =>
    text === null ? '—' : text.split(' → ').map(level).join(' → ');
  return { level, upgrade };
}
