import { NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error';
import { toErrorBody } from './error.filter';

describe('toErrorBody', () => {
  it.each<[string, unknown, object]>([
    [
      'an AppError with details',
      new AppError(422, 'WEIGHTS_INVALID', 'no', { a: 1 }),
      { statusCode: 422, code: 'WEIGHTS_INVALID', message: 'no', details: { a: 1 } },
    ],
    [
      'an unknown route',
      new NotFoundException('Cannot GET /x'),
      { statusCode: 404, code: 'ROUTE_NOT_FOUND' },
    ],
    [
      'bad JSON from the body parser',
      Object.assign(new SyntaxError('x'), { type: 'entity.parse.failed', status: 400 }),
      { statusCode: 400, code: 'INVALID_JSON' },
    ],
    [
      'a unique violation that won a race',
      new QueryFailedError('INSERT', [], Object.assign(new Error('dup'), { code: '23505' })),
      { statusCode: 409, code: 'CONFLICT' },
    ],
    [
      'anything else',
      new TypeError('boom'),
      { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal error.' },
    ],
  ])('maps %s', (_name, error, expected) => {
    expect(toErrorBody(error)).toMatchObject(expected);
  });

  it('never leaks an internal message', () => {
    expect(JSON.stringify(toErrorBody(new Error('password=hunter2')))).not.toContain('hunter2');
  });
});
