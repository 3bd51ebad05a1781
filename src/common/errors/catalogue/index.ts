import type { Locale } from '../../i18n/glossary';
import { renderTemplate, type MessageParams } from '../../i18n/render';
import { authErrors } from './auth.errors';
import { commonErrors } from './common.errors';
import { editionsErrors } from './editions.errors';
import { judgingErrors } from './judging.errors';
import { liveErrors } from './live.errors';
import { policiesErrors } from './policies.errors';
import { registrationErrors } from './registration.errors';
import { resultsErrors } from './results.errors';

/**
 * The one catalogue of error texts, zh-CN and English, keyed by code. The server words every
 * error body's `message` from it; the client (`@error-catalogue`) words what it shows from the
 * same code and params. A throw site's own English message is only the fallback for a code that
 * is not here — and src/common/errors/catalogue.spec.ts fails for any such code.
 */
const FEATURES = [
  commonErrors,
  authErrors,
  editionsErrors,
  registrationErrors,
  judgingErrors,
  resultsErrors,
  policiesErrors,
  liveErrors,
] as const;

export type CommonErrorCode = keyof (typeof commonErrors)['en'];
export type AuthErrorCode = keyof (typeof authErrors)['en'];
export type EditionsErrorCode = keyof (typeof editionsErrors)['en'];
export type RegistrationErrorCode = keyof (typeof registrationErrors)['en'];
export type JudgingErrorCode = keyof (typeof judgingErrors)['en'];
export type ResultsErrorCode = keyof (typeof resultsErrors)['en'];
export type PoliciesErrorCode = keyof (typeof policiesErrors)['en'];
export type LiveErrorCode = keyof (typeof liveErrors)['en'];
export type ErrorCode =
  | CommonErrorCode
  | AuthErrorCode
  | EditionsErrorCode
  | RegistrationErrorCode
  | JudgingErrorCode
  | ResultsErrorCode
  | PoliciesErrorCode
  | LiveErrorCode;

export const ERROR_TEXTS: Record<Locale, Record<string, string>> = {
  'zh-CN': Object.assign({}, ...FEATURES.map((f) => f['zh-CN'])) as Record<string, string>,
  en: Object.assign({}, ...FEATURES.map((f) => f.en)) as Record<string, string>,
};

/**
 * The sentence for `code` in `locale`, filled from params; null when the catalogue has no text
 * for the code (or the params it needs are missing), so the caller falls back.
 */
export function catalogueMessage(
  locale: Locale,
  code: string,
  params?: MessageParams,
): string | null {
  const template = Object.prototype.hasOwnProperty.call(ERROR_TEXTS[locale], code)
    ? ERROR_TEXTS[locale][code]
    : undefined;
  return template === undefined ? null : renderTemplate(template, params, locale);
}

export type { Locale, MessageParams };
