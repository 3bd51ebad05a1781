import { ElMessage } from 'element-plus';
import { catalogueMessage } from '@error-catalogue';
import { ApiError } from '../api/http';
import type { FieldError } from '../api/contracts';
import { currentLocale, i18n } from '../i18n';

const { t, te } = i18n.global;

/** A run of three Latin words: an English sentence, which the zh-CN console never shows. */
const LATIN_RUN = /[A-Za-z]+(?:[\s,.;:'’-]+[A-Za-z]+){2}/;
const looksLikeCode = (s: string) => /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(s);

/**
 * The user's-language sentence for an error code: the shared catalogue (code + params), then the
 * client's own codes (errors.<CODE>), then the server's message — in zh-CN only when it is not an
 * English sentence or a bare code (a code from a newer server, say), else a generic line.
 */
export function codeText(code: string, fallback: string, params?: Record<string, unknown>): string {
  const locale = currentLocale();
  const worded = catalogueMessage(locale, code, params);
  if (worded !== null) {
    return worded;
  }
  if (te(`errors.${code}`)) {
    return t(`errors.${code}`, params ?? {});
  }
  const foreign = locale === 'zh-CN' && LATIN_RUN.test(fallback);
  return fallback === '' || foreign || looksLikeCode(fallback) ? t('errors.UNKNOWN') : fallback;
}

/** The error's own line, without per-field details. */
export function errorTitle(error: unknown): string {
  if (!(error instanceof ApiError)) {
    const message = error instanceof Error ? error.message : String(error);
    return codeText('', message);
  }
  if (error.code === 'LOGIN_THROTTLED' && error.retryAfter !== undefined) {
    return t('errors.LOGIN_THROTTLED_SECONDS', { seconds: error.retryAfter });
  }
  // Older routes carry a message's values in an object `details` rather than `params`.
  return codeText(error.code, error.message, error.params ?? plainObject(error.details));
}

/** A field's messages, worded from their codes where the server gave them. */
export function fieldMessages(field: FieldError): string[] {
  return field.messages.map((m, i) => {
    const e = field.errors?.[i];
    return e ? codeText(e.code, m, e.params) : codeText('', m);
  });
}

const joiner = () => (currentLocale() === 'en' ? '; ' : '；');

/** Per-field messages of a VALIDATION_FAILED error, keyed by field. */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const f of error.fieldErrors) {
      result[f.field] = fieldMessages(f).join(joiner());
    }
  }
  return result;
}

/**
 * One line to show the user: the code's sentence in their language (see codeText); for
 * VALIDATION_FAILED, every field's messages too; `labels` names the fields in the UI.
 */
export function errorText(error: unknown, labels: Record<string, string> = {}): string {
  const text = errorTitle(error);
  if (!(error instanceof ApiError)) {
    return text;
  }
  const fields = error.fieldErrors;
  if (fields.length === 0) {
    return text;
  }
  const details = fields.map(
    (f) => `${labels[f.field] ?? f.field}: ${fieldMessages(f).join(joiner())}`,
  );
  return `${text}: ${details.join(joiner())}`;
}

/** Shows an error as an Element Plus message. */
export function showError(error: unknown, labels?: Record<string, string>): void {
  void ElMessage({ type: 'error', message: errorText(error, labels), showClose: true });
}

function plainObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
