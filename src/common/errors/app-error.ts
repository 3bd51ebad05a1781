import type { MessageParams } from '../i18n/render';
import type { ErrorCode } from './catalogue';

/**
 * An error the client can act on: an HTTP status, a stable machine `code`, the values a sentence
 * about it needs (`params`, e.g. `{ age: 56, min: 18, max: 45 }`), and details. The body's
 * `message` is worded from the catalogue (src/common/errors/catalogue) in the request's language;
 * the English `message` given here is only the fallback for a code the catalogue lacks.
 * `code` is one of the catalogue's per-feature unions: a code without its texts does not compile.
 */
export class AppError extends Error {
  params?: MessageParams;

  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    params?: MessageParams,
  ) {
    super(message);
    this.name = 'AppError';
    this.params = params;
  }

  /** The same error with the values its sentence needs: `throw notFound(…).with({ id })`. */
  with(params: MessageParams): this {
    this.params = { ...this.params, ...params };
    return this;
  }
}

export const badRequest = (code: ErrorCode, message: string, details?: unknown) =>
  new AppError(400, code, message, details);
export const unauthorized = (code: ErrorCode, message: string) => new AppError(401, code, message);
export const forbidden = (code: ErrorCode, message: string, details?: unknown) =>
  new AppError(403, code, message, details);
export const notFound = (code: ErrorCode, message: string) => new AppError(404, code, message);
export const conflict = (code: ErrorCode, message: string, details?: unknown) =>
  new AppError(409, code, message, details);
export const unprocessable = (code: ErrorCode, message: string, details?: unknown) =>
  new AppError(422, code, message, details);

/** The body of every error response. */
export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  params?: MessageParams;
  details?: unknown;
}
