import { divRoundHalfUp, fromHundredths, toHundredths } from './numbers';

/** A decimal rounded half up to 2 decimals, exactly as it is written in decimal. */
const roundMark = (value: number) => fromHundredths(toHundredths(value));

describe('numbers: round half up to 2 decimals', () => {
  it.each<[number, number]>([
    [1.005, 101], // float 1.005 * 100 is 100.49999…; the decimal as written rounds up
    [87.355, 8736],
    [87.354, 8735],
    [0.1 + 0.2, 30],
    [100, 10000],
    [0, 0],
    [-2.5, -250],
    [-1.005, -101],
    [1e-7, 0],
  ])('toHundredths(%d) = %d', (value, expected) => {
    expect(toHundredths(value)).toBe(expected);
  });

  it.each<[number, number]>([
    [2.675, 2.68],
    [66.665, 66.67],
    [1 / 3, 0.33],
    [2 / 3, 0.67],
  ])('roundMark(%d) = %d', (value, expected) => {
    expect(roundMark(value)).toBe(expected);
  });

  it.each<[number, number, number]>([
    [20, 3, 7], // 6.67 → 7 in integer units
    [5, 2, 3], // exactly half goes up
    [7, 2, 4],
    [-5, 2, -3], // ties away from zero
    [4, 2, 2],
    [1, 3, 0],
  ])('divRoundHalfUp(%d, %d) = %d', (n, d, expected) => {
    expect(divRoundHalfUp(n, d)).toBe(expected);
  });

  it.each([
    [() => toHundredths(Number.NaN)],
    [() => toHundredths(Infinity)],
    [() => divRoundHalfUp(1, 0)],
    [() => divRoundHalfUp(0.5, 1)],
  ])('throws NUMBER_INVALID (%#)', (f) => {
    expect(f).toThrow(expect.objectContaining({ code: 'NUMBER_INVALID' }));
  });
});
