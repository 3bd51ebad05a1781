import { DomainError } from './errors';

/**
 * Marks are decimals on a 100-point scale, but binary floating point cannot hold 0.1 or 0.7
 * exactly (0.1 + 0.2 !== 0.3), and a ranking that flips on the 15th decimal is an appeal waiting
 * to happen. So the rules work in integer units:
 * - hundredths (`Cents`) for every published mark (aspect, module, component, total);
 * - thousandths only as an input format (a judge may type 7.125 on a 0.125 step? no — see marking).
 * One rounding rule everywhere: round half up (away from zero for positives) to 2 decimals.
 */

/** Number of integer units per point for published marks (2 decimals). */
export const HUNDREDTHS_PER_POINT = 100;

/**
 * Converts a decimal mark to integer hundredths, rounding half up. The decimal string is used
 * (not `x * 100`), so 1.005 becomes 101 as written, not 100 as float multiplication gives.
 */
export function toHundredths(value: number): number {
  return roundDecimalString(value, 2);
}

/** Integer hundredths back to a number for output (e.g. 8735 → 87.35). */
export function fromHundredths(hundredths: number): number {
  return hundredths / HUNDREDTHS_PER_POINT;
}

/**
 * Rounds the exact rational numerator/denominator half up to an integer. Used to divide
 * integer sums without ever going through a float (e.g. a mean of five judges' hundredths).
 */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new DomainError('NUMBER_INVALID', `Cannot divide ${numerator} by ${denominator}.`);
  }
  const sign = numerator < 0 !== denominator < 0 ? -1 : 1;
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const q = Math.floor(n / d);
  const r = n - q * d;
  return sign * (2 * r >= d ? q + 1 : q);
}

/**
 * Integer units of a decimal: `roundDecimalString(87.355, 2)` → 8736. Goes through the shortest
 * decimal representation JavaScript prints for the number, which is what a person typed.
 */
export function roundDecimalString(value: number, decimals: number): number {
  if (!Number.isFinite(value)) {
    throw new DomainError('NUMBER_INVALID', `Not a finite number: ${value}.`);
  }
  const negative = value < 0;
  const [intPart, fracPart = ''] = toPlainString(Math.abs(value)).split('.');
  const kept = fracPart.slice(0, decimals).padEnd(decimals, '0');
  const next = fracPart.charAt(decimals);
  let units = Number(intPart) * 10 ** decimals + Number(kept || '0');
  if (next !== '' && next >= '5') {
    units += 1;
  }
  return negative && units !== 0 ? -units : units;
}

/** Decimal places a number is written with (0.5 → 1, 0.25 → 2, 3 → 0). */
export function decimalPlaces(value: number): number {
  const frac = toPlainString(Math.abs(value)).split('.')[1];
  return frac === undefined ? 0 : frac.length;
}

/** `String(1e-7)` is '1e-7'; marks never need exponents, so expand them. */
function toPlainString(value: number): string {
  const s = String(value);
  if (!/e/i.test(s)) {
    return s;
  }
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}
