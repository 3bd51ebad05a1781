import { TheoryAbsenceState, theoryAbsenceVerdict } from './theory-absence';

describe('theoryAbsenceVerdict: marking a competitor absent from theory', () => {
  const base: TheoryAbsenceState = {
    resultsStatus: 'none',
    theoryWeight: 30,
    current: null,
    reason: '理论考试当天因病未到，有医院证明',
  };
  it.each<[string, Partial<TheoryAbsenceState>, string]>([
    ['no score yet, with a reason', {}, 'mark'],
    [
      'after the results were computed (the chief judge, with a reason)',
      { resultsStatus: 'provisional' },
      'mark',
    ],
    ['during publication', { resultsStatus: 'published' }, 'mark'],
    ['once final', { resultsStatus: 'final' }, 'RESULTS_FINAL'],
    ['an event without theory', { theoryWeight: 0 }, 'EVENT_HAS_NO_THEORY'],
    ['without a reason', { reason: '' }, 'THEORY_ABSENT_REASON_REQUIRED'],
    ['with only spaces', { reason: '   ' }, 'THEORY_ABSENT_REASON_REQUIRED'],
    ['with no reason at all', { reason: undefined }, 'THEORY_ABSENT_REASON_REQUIRED'],
    ['already absent: nothing to do', { current: { absent: true } }, 'unchanged'],
    ['a score already imported', { current: { absent: false } }, 'THEORY_ALREADY_SCORED'],
  ])('%s → %s', (_label, over, verdict) => {
    expect(theoryAbsenceVerdict({ ...base, ...over })).toBe(verdict);
  });
});
