import { ageAt, idCheckCharacter, isRealDate, maskIdNumber, parseIdNumber } from './id-number';

const TODAY = '2026-11-28';

describe('idCheckCharacter (ISO 7064 MOD 11-2)', () => {
  // The first two are the samples published with GB 11643 explanations and widely cited.
  it.each([
    ['11010519491231002', 'X'],
    ['11010119900307447', '7'],
    ['32020419850312103', 'X'],
    ['32020219880229001', '7'],
    ['32021119950615002', '9'],
  ])('%s → %s', (first17, check) => {
    expect(idCheckCharacter(first17)).toBe(check);
  });

  it('rejects anything but 17 digits', () => {
    expect(() => idCheckCharacter('1101051949123100')).toThrow(
      expect.objectContaining({ code: 'ID_FORMAT' }),
    );
  });
});

describe('parseIdNumber', () => {
  it.each([
    ['11010519491231002X', '110105', '1949-12-31', 'female'],
    ['110101199003074477', '110101', '1990-03-07', 'male'],
    ['32020419850312103X', '320204', '1985-03-12', 'male'],
    ['32020419850312111X', '320204', '1985-03-12', 'male'],
    ['320202198802290017', '320202', '1988-02-29', 'male'],
    ['320202199602290025', '320202', '1996-02-29', 'female'],
    ['440304200002291236', '440304', '2000-02-29', 'male'],
    ['320211199506150029', '320211', '1995-06-15', 'female'],
    ['11010519000101001X', '110105', '1900-01-01', 'male'],
  ])('accepts %s', (id, regionCode, birthDate, gender) => {
    expect(parseIdNumber(id, TODAY)).toEqual({
      ok: true,
      value: { normalized: id, regionCode, birthDate, gender },
    });
  });

  it.each([
    ['11010519491231002x', '11010519491231002X'],
    ['  32020419850312103x ', '32020419850312103X'],
  ])('normalises %j to %s', (input, normalized) => {
    const r = parseIdNumber(input, TODAY);
    expect(r.ok && r.value.normalized).toBe(normalized);
  });

  it.each([
    ['', 'ID_LENGTH'],
    ['11010519491231002', 'ID_LENGTH'],
    ['11010519491231002X1', 'ID_LENGTH'],
    ['110105194912310X2X', 'ID_FORMAT'],
    ['1101051949123100-X', 'ID_FORMAT'],
    ['11010519491231002Y', 'ID_FORMAT'],
    ['１10105194912310027', 'ID_FORMAT'],
    // 00, 16, 30, 99 are no province; every other part, check character included, is right.
    ['00000019900307447X', 'ID_REGION'],
    ['160101199003074476', 'ID_REGION'],
    ['300101199003074472', 'ID_REGION'],
    ['990101199003074470', 'ID_REGION'],
    // Not dates: 29 Feb in 1900 (divisible by 100, not 400) and in 2023; month 13; 31 April.
    ['320202190002290012', 'ID_BIRTH_DATE'],
    ['32020220230229001X', 'ID_BIRTH_DATE'],
    ['320202199013010013', 'ID_BIRTH_DATE'],
    ['320202199004310014', 'ID_BIRTH_DATE'],
    // Before 1900 and after "today".
    ['320202189912310010', 'ID_BIRTH_DATE'],
    ['320202202611290013', 'ID_BIRTH_DATE'],
    // Right shape, wrong check character.
    ['110105194912310021', 'ID_CHECK_DIGIT'],
    ['110101199003074478', 'ID_CHECK_DIGIT'],
    ['320204198503121039', 'ID_CHECK_DIGIT'],
    ['320202198802290018', 'ID_CHECK_DIGIT'],
  ])('rejects %j with %s', (id, code) => {
    const r = parseIdNumber(id, TODAY);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe(code);
  });

  it('accepts 29 Feb 2000 (divisible by 400) but not 29 Feb 1900', () => {
    expect(isRealDate('2000-02-29')).toBe(true);
    expect(isRealDate('1900-02-29')).toBe(false);
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
  });

  it('treats a birth date equal to today as valid (a newborn)', () => {
    const first17 = '32020220261128001';
    expect(parseIdNumber(first17 + idCheckCharacter(first17), TODAY).ok).toBe(true);
  });
});

describe('maskIdNumber', () => {
  it.each([
    ['32020419850312103X', '3202**********103X'],
    ['32020419850312103x', '3202**********103X'],
    ['110101199003074477', '1101**********4477'],
    ['1234567', '*******'],
    ['', ''],
  ])('%j → %j', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });
});

describe('ageAt', () => {
  it.each([
    ['1990-03-07', '2025-03-06', 34],
    ['1990-03-07', '2025-03-07', 35],
    ['1990-03-07', '2025-12-31', 35],
    ['2000-02-29', '2025-02-28', 24],
    ['2000-02-29', '2025-03-01', 25],
    ['2000-02-29', '2024-02-29', 24],
    ['1949-12-31', '1950-01-01', 0],
  ])('born %s, on %s → %i', (birth, ref, age) => {
    expect(ageAt(birth, ref)).toBe(age);
  });

  it.each([['2023-02-29'], ['19900307']])('throws DATE_INVALID for %s', (bad) => {
    expect(() => ageAt(bad, '2025-01-01')).toThrow(
      expect.objectContaining({ code: 'DATE_INVALID' }),
    );
  });
});
