import { NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error';
import type { ErrorCode } from './catalogue';
import { toErrorBody } from './error-body';

describe('toErrorBody', () => {
  it.each<[string, unknown, object]>([
    [
      'an AppError with details',
      new AppError(422, 'WEIGHTS_INVALID', 'no', { a: 1 }),
      {
        statusCode: 422,
        code: 'WEIGHTS_INVALID',
        message: 'Theory and practical weights must add up to 100.',
        details: { a: 1 },
      },
    ],
    [
      'a code the catalogue lacks (the throw site message is the fallback)',
      // A code outside the catalogue no longer compiles at a throw site; the fallback stays.
      new AppError(409, 'SOMETHING_NEW' as ErrorCode, 'Something new happened.'),
      { statusCode: 409, code: 'SOMETHING_NEW', message: 'Something new happened.' },
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
      { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Server error; try again later.' },
    ],
  ])('maps %s (English on request)', (_name, error, expected) => {
    expect(toErrorBody(error, 'en')).toMatchObject(expected);
  });

  it('words the message in zh-CN by default, from code and params', () => {
    const error = new AppError(409, 'ENTRY_DUPLICATE', 'x has already entered.').with({
      name: '赵六',
    });
    expect(toErrorBody(error)).toEqual({
      statusCode: 409,
      code: 'ENTRY_DUPLICATE',
      message: '赵六已报名此赛项',
      params: { name: '赵六' },
    });
    expect(toErrorBody(error, 'en').message).toBe('赵六 has already entered this event.');
  });

  it('words coded details too, and fills {details} from them', () => {
    const failures = [
      {
        rule: 'age',
        code: 'ELIGIBILITY_AGE',
        params: { age: 56, min: 18, max: 45, on: '2026-10-20' },
        message: 'Age 56.',
      },
    ];
    const body = toErrorBody(new AppError(422, 'ENTRY_INELIGIBLE', 'Age 56.', failures));
    expect(body.message).toBe(
      '不符合参赛资格：年龄不符合要求：2026-10-20 时 56 周岁，不得小于 18 周岁，不得大于 45 周岁',
    );
    expect((body.details as { message: string }[])[0].message).toBe(
      '年龄不符合要求：2026-10-20 时 56 周岁，不得小于 18 周岁，不得大于 45 周岁',
    );
  });

  it('never leaks an internal message', () => {
    expect(JSON.stringify(toErrorBody(new Error('password=hunter2')))).not.toContain('hunter2');
  });
});
