import { DomainError } from './errors';

/**
 * PRC resident identity card number (公民身份号码, GB 11643-1999), 18 characters:
 * 6-digit administrative region code, 8-digit birth date YYYYMMDD, 3-digit sequence (odd for
 * men, even for women), and an ISO 7064 MOD 11-2 check character (0–9 or X).
 * docs/domain.md: the contestant's ID carries the date of birth, which eligibility (age) relies on,
 * so a number is accepted only when every part is real, not just 18 characters long.
 */

export type Gender = 'male' | 'female';

export interface IdNumberInfo {
  /** Upper-case X, no surrounding spaces. */
  normalized: string;
  regionCode: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  gender: Gender;
}

export type IdNumberErrorCode =
  'ID_LENGTH' | 'ID_FORMAT' | 'ID_REGION' | 'ID_BIRTH_DATE' | 'ID_CHECK_DIGIT';

export type ParseIdNumberResult =
  | { ok: true; value: IdNumberInfo }
  | { ok: false; code: IdNumberErrorCode; message: string; params?: Record<string, unknown> };

/**
 * Province-level codes (first two digits) of GB/T 2260: 11–15 North, 21–23 North-East,
 * 31–37 East, 41–46 Central-South, 50–54 South-West, 61–65 North-West, 71 Taiwan,
 * 81 Hong Kong, 82 Macao (the last three as issued on residence permits since 2018).
 */
export const PROVINCE_CODES: readonly string[] = [
  ...range(11, 15),
  ...range(21, 23),
  ...range(31, 37),
  ...range(41, 46),
  ...range(50, 54),
  ...range(61, 65),
  71,
  81,
  82,
].map(String);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/** Nobody alive with a valid 18-digit number was born before 1900. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new DomainError('ID_FORMAT', 'The check character needs exactly 17 digits.');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += Number(first17[i]) * WEIGHTS[i];
  }
  return CHECK_CHARS[sum % 11];
}

/**
 * Parses and checks an ID number. `today` (YYYY-MM-DD, default the current UTC date) bounds the
 * birth date: a date in the future is a typing error. Surrounding spaces (spreadsheet cells) are
 * ignored and a lower-case x is accepted, since both are common and unambiguous.
 */
export function parseIdNumber(input: string, today: string = todayUtc()): ParseIdNumberResult {
  const s = input.trim().toUpperCase();
  if (s.length !== 18) {
    return fail('ID_LENGTH', `An ID number has 18 characters, not ${s.length}.`, {
      length: s.length,
    });
  }
  if (!/^\d{17}[\dX]$/.test(s)) {
    return fail('ID_FORMAT', 'An ID number is 17 digits followed by a digit or X.');
  }
  const regionCode = s.slice(0, 6);
  if (!PROVINCE_CODES.includes(s.slice(0, 2))) {
    return fail('ID_REGION', `${s.slice(0, 2)} is not a province-level region code.`, {
      prefix: s.slice(0, 2),
    });
  }
  const birthDate = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isRealDate(birthDate)) {
    return fail('ID_BIRTH_DATE', `${birthDate} is not a date.`, { date: birthDate });
  }
  if (birthDate < EARLIEST_BIRTH_DATE || birthDate > today) {
    return fail('ID_BIRTH_DATE', `${birthDate} is outside ${EARLIEST_BIRTH_DATE}–${today}.`, {
      date: birthDate,
    });
  }
  const expected = idCheckCharacter(s.slice(0, 17));
  if (s[17] !== expected) {
    return fail(
      'ID_CHECK_DIGIT',
      'The check character does not match; please re-check the number.',
    );
  }
  const gender: Gender = Number(s[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, value: { normalized: s, regionCode, birthDate, gender } };
}

/**
 * Shows the first 4 (province and city) and last 4 characters only: enough for a person to
 * recognise their own entry on a public list, not enough to recover the birth date.
 * Anything not 18 characters long is fully masked rather than guessed at.
 */
export function maskIdNumber(idNumber: string): string {
  const s = idNumber.trim().toUpperCase();
  if (s.length !== 18) {
    return '*'.repeat(s.length);
  }
  return `${s.slice(0, 4)}${'*'.repeat(10)}${s.slice(14)}`;
}

/**
 * Age in whole years on `referenceDate` (both YYYY-MM-DD): the birthday must have been reached.
 * Someone born on 29 February turns a year older on 1 March in a common year, because
 * 02-28 sorts before 02-29 — the reading Chinese practice uses (周岁 from the day after).
 */
export function ageAt(birthDate: string, referenceDate: string): number {
  for (const d of [birthDate, referenceDate]) {
    if (!isRealDate(d)) {
      throw new DomainError('DATE_INVALID', `${d} is not a YYYY-MM-DD date.`);
    }
  }
  let age = Number(referenceDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  if (referenceDate.slice(5) < birthDate.slice(5)) {
    age -= 1;
  }
  return age;
}

/** True for a YYYY-MM-DD string naming a day on the Gregorian calendar (leap years included). */
export function isRealDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m === null) {
    return false;
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

function fail(
  code: IdNumberErrorCode,
  message: string,
  params?: Record<string, unknown>,
): ParseIdNumberResult {
  return params === undefined ? { ok: false, code, message } : { ok: false, code, message, params };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
