import { glossaryTerm, type GlossarySection, type Locale } from './glossary';

/** Values a message may carry: what the client needs to word it in its own language. */
export type MessageParams = Record<string, unknown>;

const KINDS: Record<string, GlossarySection> = {
  level: 'levels',
  group: 'groups',
  mode: 'modes',
  prize: 'prizes',
  role: 'roles',
  entryStatus: 'entryStatuses',
  grantStatus: 'grantStatuses',
  appealStatus: 'appealStatuses',
  resultsStatus: 'resultsStatuses',
  competitionLevel: 'competitionLevels',
};

class MissingParam extends Error {}

function formatValue(value: unknown, kind: string | undefined, locale: Locale): string {
  if (value === undefined || value === null || value === '') {
    throw new MissingParam();
  }
  if (Array.isArray(value)) {
    const sep = locale === 'en' ? ', ' : '、';
    return value.map((v) => formatValue(v, kind, locale)).join(sep);
  }
  if (kind === 'mark' && typeof value === 'number') {
    return value.toFixed(2);
  }
  if (kind && KINDS[kind]) {
    return glossaryTerm(KINDS[kind], value, locale);
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value as string | number);
}

function fill(template: string, params: MessageParams, locale: Locale): string {
  return template.replace(/\{(\w+)(?::(\w+))?\}/g, (_m, name: string, kind?: string) =>
    formatValue(params[name], kind, locale),
  );
}

/**
 * Fills `{name}` and `{name:kind}` (kind: a glossary section such as `level`, or `mark` for two
 * decimals) from params. A part in `[[…]]` is dropped when a value it needs is missing; a value
 * missing elsewhere makes the whole template unusable (null), so the caller falls back.
 */
export function renderTemplate(
  template: string,
  params: MessageParams | undefined,
  locale: Locale,
): string | null {
  const values = params ?? {};
  try {
    const optional = template.replace(/\[\[(.*?)\]\]/g, (_m, inner: string) => {
      try {
        return fill(inner, values, locale);
      } catch (e) {
        if (e instanceof MissingParam) {
          return '';
        }
        throw e;
      }
    });
    return fill(optional, values, locale);
  } catch (e) {
    if (e instanceof MissingParam) {
      return null;
    }
    throw e;
  }
}
