import { QueryFailedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { conflict } from '../common/errors/app-error';
import { storageFailure } from './storage-errors';

const sqlite = (code: string, message: string) => Object.assign(new Error(message), { code });
const pg = (code: string, message: string) =>
  new QueryFailedError('INSERT …', [], Object.assign(new Error(message), { code }));

describe('storageFailure: the storage failed, not the request', () => {
  it.each([
    [sqlite('SQLITE_FULL', 'database or disk is full'), 'SQLITE_FULL: database or disk is full'],
    [sqlite('SQLITE_IOERR_WRITE', 'disk I/O error'), 'SQLITE_IOERR_WRITE: disk I/O error'],
    [sqlite('SQLITE_READONLY', 'attempt to write a readonly database'), expect.any(String)],
    [pg('57P01', 'terminating connection due to administrator command'), expect.any(String)],
    [pg('53100', 'could not extend file: No space left on device'), expect.any(String)],
    [pg('08006', 'connection failure'), expect.any(String)],
    [
      new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')),
      expect.any(String),
    ],
    [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      expect.any(String),
    ],
    // An entity manager whose query runner pg released when its backend was terminated.
    [new QueryRunnerProviderAlreadyReleasedError(), expect.any(String)],
    // node-postgres, on a client whose backend was terminated a moment before.
    [new Error('Client was closed and is not queryable'), expect.any(String)],
    [
      new Error('Client has encountered a connection error and is not queryable'),
      expect.any(String),
    ],
  ])('%s → a reason', (error, reason) => {
    expect(storageFailure(error)).toEqual(reason);
  });

  it.each([
    [sqlite('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: users.username')],
    [pg('23505', 'duplicate key value violates unique constraint')],
    [pg('22P02', 'invalid input syntax for type integer')],
    [conflict('MARK_EXISTS', 'exists')],
    [new Error('something else')],
    ['a string'],
    [null],
  ])('%s → null (the request’s own fault, or not a database error)', (error) => {
    expect(storageFailure(error)).toBeNull();
  });
});
