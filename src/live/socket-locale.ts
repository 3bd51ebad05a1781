import type { IncomingHttpHeaders } from 'node:http';
import { localizeMessage } from '../common/errors/localize';
import { localeFromHeader, type Locale } from '../common/i18n/glossary';
import type { MessageParams } from '../common/i18n/render';

/**
 * A socket's language: `auth.locale` from the client ('zh-CN' or 'en'), else the handshake's
 * Accept-Language, else zh-CN. Pure (no Nest): the fan-out workers use it too.
 */
export function socketLocale(handshake: { headers: IncomingHttpHeaders; auth?: unknown }): Locale {
  const asked = (handshake.auth as { locale?: unknown } | undefined)?.locale;
  if (asked === 'en' || asked === 'zh-CN') {
    return asked;
  }
  return localeFromHeader(handshake.headers['accept-language']);
}

interface ErrorAnswer {
  error: { code: string; message: string; params?: MessageParams };
}

const isErrorAnswer = (a: unknown): a is ErrorAnswer =>
  typeof a === 'object' &&
  a !== null &&
  typeof (a as ErrorAnswer).error === 'object' &&
  typeof (a as ErrorAnswer).error?.code === 'string';

/** An answer's `{ error }` worded in `locale` from its code + params; any other answer as is. */
export function localizeAnswer<T>(answer: T, locale: Locale): T {
  if (!isErrorAnswer(answer)) {
    return answer;
  }
  const { code, message, params } = answer.error;
  return {
    ...answer,
    error: { ...answer.error, message: localizeMessage(locale, code, params, message) },
  };
}
