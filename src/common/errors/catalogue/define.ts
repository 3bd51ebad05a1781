import type { Locale } from '../../i18n/glossary';

/**
 * A feature's error texts: zh-CN first, English with exactly the same codes (the type checker
 * refuses a code that lacks either). `{name}` / `{name:kind}` are filled from the error's params;
 * a part in `[[…]]` appears only when its params are present (see render.ts).
 */
export function defineErrors<const Z extends Record<string, string>>(
  zh: Z,
  en: Record<keyof Z, string>,
): Record<Locale, Record<keyof Z & string, string>> {
  return { 'zh-CN': zh, en };
}
