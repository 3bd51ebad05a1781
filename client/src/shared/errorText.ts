import { ElMessage } from 'element-plus';
import { ApiError } from '../api/http';
import { i18n } from '../i18n';

const { t, te } = i18n.global;

/**
 * The user's-language text of an error code, falling back to the server's message; an object of
 * details (e.g. `{ sum: 110, limit: 100 }`) fills the text's named placeholders.
 */
export function codeText(code: string, fallback: string, params?: unknown): string {
  const key = `errors.${code}`;
  if (!te(key)) {
    return fallback;
  }
  return isParams(params) ? t(key, params) : t(key);
}

function isParams(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The error's own line, without per-field details. */
export function errorTitle(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return error instanceof Error ? error.message : String(error);
  }
  if (error.code === 'LOGIN_THROTTLED' && error.retryAfter !== undefined) {
    return t('errors.LOGIN_THROTTLED_SECONDS', { seconds: error.retryAfter });
  }
  return codeText(error.code, error.message, error.details);
}

/** Per-field messages of a VALIDATION_FAILED error, keyed by field. */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const { field, messages } of error.fieldErrors) {
      result[field] = messages.join('; ');
    }
  }
  return result;
}

/**
 * One line to show the user: errors.<CODE> translated (server message as fallback); for
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
  const details = fields.map((f) => `${labels[f.field] ?? f.field}: ${f.messages.join('; ')}`);
  return `${text}: ${details.join('; ')}`;
}

/** Shows an error as an Element Plus message. */
export function showError(error: unknown, labels?: Record<string, string>): void {
  void ElMessage({ type: 'error', message: errorText(error, labels), showClose: true });
}
