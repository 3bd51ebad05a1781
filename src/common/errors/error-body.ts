import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { storageFailure, storageUnavailable } from '../../database/storage-errors';
import { DomainError } from '../../domain/errors';
import { MAX_JSON_DEPTH } from '../json-depth';
import type { Locale } from '../i18n/glossary';
import type { MessageParams } from '../i18n/render';
import { requestLocale } from '../i18n/request-locale';
import { AppError, ErrorBody } from './app-error';
import { detailLines, localizeDetails, localizeMessage, paramsFromDetails } from './localize';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

/** The body-parser error type our depth check (app.setup.ts) raises. */
export const BODY_TOO_DEEP = 'entity.too.deep';

/** Errors raised by Express's body parser before any route runs. */
interface BodyParserError {
  type: string;
  status?: number;
  message: string;
}

export function isBodyParserError(e: unknown): e is BodyParserError {
  return typeof e === 'object' && e !== null && typeof (e as BodyParserError).type === 'string';
}

function isUniqueViolation(e: QueryFailedError): boolean {
  const driverError = e.driverError as { code?: string } | undefined;
  return driverError?.code === '23505' || /UNIQUE constraint failed/.test(e.message);
}

/**
 * Maps every error to `{ statusCode, code, message, params?, details? }`, nothing else ever
 * leaves; `message` (and each coded detail's) is worded in `locale` from the catalogue.
 */
export function toErrorBody(exception: unknown, locale: Locale = requestLocale()): ErrorBody {
  const raw = rawErrorBody(exception);
  const details = localizeDetails(raw.details, locale);
  const lines = detailLines(details, locale);
  const values = lines === undefined ? raw.params : { ...raw.params, details: lines };
  const body: ErrorBody = {
    statusCode: raw.statusCode,
    code: raw.code,
    message: localizeMessage(locale, raw.code, values, raw.message),
  };
  if (raw.params !== undefined) {
    body.params = raw.params;
  }
  if (details !== undefined) {
    body.details = details;
  }
  return body;
}

/** The error's status, code, params, details and its throw site's (fallback) message. */
function rawErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof AppError || exception instanceof DomainError) {
    // A DomainError: a rule of the competition (src/domain) refused the input (422).
    const params: MessageParams | undefined =
      exception.params ?? paramsFromDetails(exception.details);
    const body: ErrorBody = {
      statusCode: exception instanceof AppError ? exception.status : 422,
      code: exception.code,
      message: exception.message,
    };
    if (params !== undefined) {
      body.params = params;
    }
    return exception.details === undefined ? body : { ...body, details: exception.details };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return {
      statusCode: status,
      code: CODE_BY_STATUS[status] ?? `HTTP_${status}`,
      message: exception.message,
    };
  }
  if (isBodyParserError(exception)) {
    if (exception.type === 'entity.parse.failed') {
      return {
        statusCode: 400,
        code: 'INVALID_JSON',
        message: 'The request body is not valid JSON.',
      };
    }
    if (exception.type === BODY_TOO_DEEP) {
      return {
        statusCode: 400,
        code: 'BODY_TOO_DEEP',
        message: `The request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels.`,
        details: { limit: MAX_JSON_DEPTH },
      };
    }
    if (exception.type === 'entity.too.large') {
      return {
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is too large.',
      };
    }
    const status = exception.status && exception.status < 500 ? exception.status : 400;
    return { statusCode: status, code: 'BAD_REQUEST', message: exception.message };
  }
  if (exception instanceof QueryFailedError && isUniqueViolation(exception)) {
    return {
      statusCode: 409,
      code: 'CONFLICT',
      message: 'The record conflicts with an existing one.',
    };
  }
  if (storageFailure(exception) !== null) {
    // A read or write the database could not serve (disk full, connection lost): retry later.
    return toErrorBody(storageUnavailable());
  }
  return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal error.' };
}
