import { breaksCadence, weightsAreValid } from './competition';
import { compareLevels, nextLevel, QUALIFICATION_LEVELS } from './qualification';

describe('edition cadence (every two years since 2013)', () => {
  it.each([
    [2013, false],
    [2015, false],
    [2019, false],
    [2025, false],
    [2024, true],
    [2026, true],
  ])('%i breaks the cadence: %s', (year, expected) => {
    expect(breaksCadence(year)).toBe(expected);
  });
});

describe('theory and practical weights', () => {
  it.each([
    [30, 70, true],
    [0, 100, true],
    [100, 0, true],
    [40, 70, false],
    [-30, 130, false],
    [30.5, 69.5, false],
  ])('%d + %d valid: %s', (theory, practical, expected) => {
    expect(weightsAreValid(theory, practical)).toBe(expected);
  });
});

describe('qualification ladder', () => {
  it('orders 初级工 < 中级工 < 高级工 < 技师 < 高级技师 and stops at the top', () => {
    expect(QUALIFICATION_LEVELS).toHaveLength(5);
    expect(compareLevels('senior', 'technician')).toBeLessThan(0);
    expect(nextLevel('senior')).toBe('technician');
    expect(nextLevel('technician')).toBe('senior_technician');
    expect(nextLevel('senior_technician')).toBeNull();
  });
});
