import { breaksCadence, weightsAreValid } from './competition';
import {
  compareLevels,
  LADDER_2015,
  LADDER_2022,
  type Ladder,
  nextLevel,
  QUALIFICATION_LABELS,
  QUALIFICATION_LEVELS,
  type QualificationLevel,
} from './qualification';

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
  it('orders 初级工 < 中级工 < 高级工 < 技师 < 高级技师 and stops at the top of the 2015 ladder', () => {
    expect(LADDER_2015).toEqual([
      'junior',
      'intermediate',
      'senior',
      'technician',
      'senior_technician',
    ]);
    expect(compareLevels('senior', 'technician')).toBeLessThan(0);
    expect(nextLevel('senior')).toBe('technician');
    expect(nextLevel('technician')).toBe('senior_technician');
    expect(nextLevel('senior_technician')).toBeNull();
  });

  it('places every level of the 2022 eight-level ladder in one order', () => {
    expect(LADDER_2022).toEqual(QUALIFICATION_LEVELS);
    expect(QUALIFICATION_LEVELS.map((l) => QUALIFICATION_LABELS[l].zh)).toEqual([
      '学徒工',
      '初级工',
      '中级工',
      '高级工',
      '技师',
      '高级技师',
      '特级技师',
      '首席技师',
    ]);
    expect(compareLevels('senior_technician', 'special_technician')).toBeLessThan(0);
  });

  it.each<[QualificationLevel, Ladder, QualificationLevel | null]>([
    ['senior_technician', LADDER_2022, 'special_technician'],
    ['chief_technician', LADDER_2022, null],
    ['apprentice', LADDER_2015, 'junior'], // off the ladder, below it
    ['special_technician', LADDER_2015, null], // off the ladder, above it
  ])('the level above %s on a ladder is %s', (level, ladder, next) => {
    expect(nextLevel(level, ladder)).toBe(next);
  });
});
