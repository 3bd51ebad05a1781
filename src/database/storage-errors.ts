import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { AppError } from '../common/errors/app-error';

/** SQLite result codes that mean the storage, not the request, failed (disk full, I/O, locks). */
const SQLITE_STORAGE =
  /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|BUSY|LOCKED|NOMEM|PROTOCOL|CORRUPT|NOTADB)/;

/**
 * PostgreSQL SQLSTATE classes and codes of the same kind: 08 connection exception, 53
 * insufficient resources (53100 disk full), 57P01–57P03 shutdown / cannot connect, 58 system I/O.
 */
const PG_STORAGE = /^(08|53|58|57P0[1-3])/;

/** Node's socket errors, and node-postgres's own when a backend goes away mid-query. */
const CONNECTION_LOST =
  /^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH)$|Connection terminated|connection timeout|Client has encountered a connection error|is not queryable|terminating connection/i;

/**
 * Why the database could not store a change, or null when the error is about the request (a
 * constraint, a bad value). Storage failures are answered 503, never acknowledged.
 */
export function storageFailure(error: unknown): string | null {
  if (error instanceof AppError) {
    return null;
  }
  if (
    error instanceof QueryRunnerAlreadyReleasedError ||
    error instanceof QueryRunnerProviderAlreadyReleasedError
  ) {
    // pg dropped the runner's connection while the work still used it.
    return error.message;
  }
  const driverError =
    error instanceof QueryFailedError ? (error.driverError as unknown) : (error as unknown);
  if (typeof driverError !== 'object' || driverError === null) {
    return null;
  }
  const { code, message } = driverError as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (typeof code === 'string') {
    if (SQLITE_STORAGE.test(code) || (/^[0-9A-Z]{5}$/.test(code) && PG_STORAGE.test(code))) {
      return `${code}: ${text}`;
    }
    if (CONNECTION_LOST.test(code)) {
      return `${code}: ${text}`;
    }
  }
  return CONNECTION_LOST.test(text) ? text : null;
}

/** The answer to a write the database could not store (the reason is for /api/health and logs). */
export const storageUnavailable = () =>
  new AppError(
    503,
    'STORAGE_UNAVAILABLE',
    'The database cannot store changes right now; nothing was saved. Try again shortly.',
  );
