import {
  finalizeRefusal,
  FinalizeState,
  lockedInputRefusal,
  ScoringState,
  scoringFieldsChanged,
} from './final';

const open: ScoringState = { resultsStatus: 'none', resultsLockedAt: null, decryptedAt: null };
const locked: ScoringState = { ...open, resultsLockedAt: '2027-10-18T10:00:00.000Z' };
const reopened: ScoringState = {
  resultsStatus: 'published',
  resultsLockedAt: null,
  decryptedAt: '2027-10-18T11:00:00.000Z',
};
const final: ScoringState = {
  ...locked,
  resultsStatus: 'final',
  decryptedAt: locked.resultsLockedAt,
};

describe('lockedInputRefusal: theory scores and times belong to the lock', () => {
  it.each<[string, ScoringState, 'organizer' | 'chief_judge', string | undefined, string | null]>([
    ['before the lock, an organizer', open, 'organizer', undefined, null],
    ['before the lock, the chief judge', open, 'chief_judge', undefined, null],
    ['locked, an organizer', locked, 'organizer', 'typo', 'LOCKED_CHIEF_ONLY'],
    [
      'locked, the chief judge without a reason',
      locked,
      'chief_judge',
      undefined,
      'REASON_REQUIRED',
    ],
    ['locked, the chief judge with a blank reason', locked, 'chief_judge', '  ', 'REASON_REQUIRED'],
    ['locked, the chief judge with a reason', locked, 'chief_judge', '计时表读错', null],
    ['decrypted and reopened, an organizer', reopened, 'organizer', 'x', 'LOCKED_CHIEF_ONLY'],
    ['decrypted and reopened, the chief judge', reopened, 'chief_judge', '申诉', null],
    ['final, the chief judge with a reason', final, 'chief_judge', '申诉', 'RESULTS_FINAL'],
    ['final, an organizer', final, 'organizer', undefined, 'RESULTS_FINAL'],
  ])('%s → %s', (_, state, role, reason, expected) => {
    expect(lockedInputRefusal(state, role, reason)).toBe(expected);
  });
});

describe('scoringFieldsChanged', () => {
  const event = { name: '数控车工', theoryWeight: 30, practicalWeight: 70, mode: 'individual' };
  it.each<[Record<string, unknown>, string[]]>([
    [{ name: '数控车工(职工组)' }, []],
    [{ theoryWeight: 30, practicalWeight: 70 }, []],
    [{ theoryWeight: 40, practicalWeight: 60 }, ['theoryWeight', 'practicalWeight']],
    [{ mode: 'pair' }, ['mode']],
    [{ prizeRule: { kind: 'fixed' } }, ['prizeRule']],
    [{ mode: undefined }, []],
  ])('%j → %j', (input, fields) => {
    expect(scoringFieldsChanged(event, input)).toEqual(fields);
  });
});

describe('finalizeRefusal', () => {
  const ready: FinalizeState = {
    resultsStatus: 'published',
    publicationEnd: '2027-10-25T00:00:00.000Z',
    resultsLockedAt: '2027-10-18T10:00:00.000Z',
    resultsComputedAt: '2027-10-18T10:05:00.000Z',
    openAppeals: 0,
    unlockedModules: 0,
  };
  const now = '2027-10-26T00:00:00.000Z';
  it.each<
    [
      string,
      Partial<typeof ready> & { resultsStatus?: ScoringState['resultsStatus'] },
      string | null,
    ]
  >([
    ['ready', {}, null],
    ['already final', { resultsStatus: 'final' }, 'RESULTS_FINAL'],
    ['provisional', { resultsStatus: 'provisional' }, 'RESULTS_NOT_PUBLISHED'],
    ['publication running', { publicationEnd: '2027-10-27T00:00:00.000Z' }, 'PUBLICATION_NOT_OVER'],
    ['an appeal open', { openAppeals: 1 }, 'APPEALS_OPEN'],
    ['a module unlocked', { unlockedModules: 1, resultsLockedAt: null }, 'RESULTS_NOT_LOCKED'],
    [
      'computed before the last lock',
      { resultsComputedAt: '2027-10-18T09:00:00.000Z' },
      'RESULTS_STALE',
    ],
    ['a correction since', { resultsComputedAt: null }, 'RESULTS_STALE'],
  ])('%s → %s', (_, change, expected) => {
    expect(finalizeRefusal({ ...ready, ...change }, now)).toBe(expected);
  });
});
