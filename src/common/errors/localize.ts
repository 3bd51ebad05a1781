import { catalogueMessage } from './catalogue';
import type { Locale } from '../i18n/glossary';
import type { MessageParams } from '../i18n/render';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The catalogue's sentence for code + params in `locale`; `fallback` when it has none. */
export function localizeMessage(
  locale: Locale,
  code: string,
  params: MessageParams | undefined,
  fallback: string,
): string {
  return catalogueMessage(locale, code, params) ?? fallback;
}

/** Details that are a flat object of plain values double as params (`{ missing: 3 }`). */
export function paramsFromDetails(details: unknown): MessageParams | undefined {
  if (!isObject(details)) {
    return undefined;
  }
  const flat = Object.values(details).every(
    (v) => v === null || ['string', 'number', 'boolean'].includes(typeof v),
  );
  return flat ? details : undefined;
}

/**
 * Words every item of an error's details that carries its own code (eligibility failures,
 * per-field validation errors, policy problems) in `locale`, keeping code and params.
 */
export function localizeDetails(details: unknown, locale: Locale): unknown {
  if (!Array.isArray(details)) {
    return details;
  }
  return details.map((item: unknown) => {
    if (!isObject(item)) {
      return item;
    }
    if (Array.isArray(item.errors) && Array.isArray(item.messages)) {
      const errors = item.errors as { code: string; params?: MessageParams }[];
      const fallback = item.messages as string[];
      return {
        ...item,
        messages: errors.map((e, i) =>
          localizeMessage(locale, e.code, e.params, fallback[i] ?? fallback[0] ?? e.code),
        ),
      };
    }
    if (typeof item.code === 'string') {
      const fallback = typeof item.message === 'string' ? item.message : item.code;
      return {
        ...item,
        message: localizeMessage(locale, item.code, item.params as MessageParams, fallback),
      };
    }
    return item;
  });
}

/** The worded lines of localized details, for a `{details}` placeholder. */
export function detailLines(details: unknown, locale: Locale): string | undefined {
  if (!Array.isArray(details)) {
    return undefined;
  }
  const lines = details
    .flatMap((item: unknown) => {
      if (!isObject(item)) {
        return [];
      }
      if (Array.isArray(item.messages)) {
        return [(item.messages as string[]).join(locale === 'en' ? '; ' : '；')];
      }
      return typeof item.message === 'string' ? [item.message] : [];
    })
    .map((line) => line.replace(/[.。]$/, ''));
  return lines.length > 0 ? lines.join(locale === 'en' ? '; ' : '；') : undefined;
}
