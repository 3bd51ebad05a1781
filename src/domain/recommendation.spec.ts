import { checkRecommendations, Recommendable, RecommendationPick } from './recommendation';

const results: Recommendable[] = [
  { entryId: 11, contestantId: 101, status: 'competed', rank: 1 },
  { entryId: 12, contestantId: 102, status: 'competed', rank: 2 },
  { entryId: 13, contestantId: 103, status: 'competed', rank: 3 },
  { entryId: 14, contestantId: 104, status: 'absent', rank: null },
];
const pick = (entryId: number, reason = '一等奖，年龄符合省赛要求'): RecommendationPick => ({
  entryId,
  reason,
});

describe('checkRecommendations: named entries, each with a reason', () => {
  it.each<[string, RecommendationPick[], number[], string, number[]]>([
    ['nothing picked', [], [], 'RECOMMENDATION_EMPTY', []],
    ['an entry of another event', [pick(11), pick(99)], [], 'RECOMMENDATION_ENTRY_UNKNOWN', [99]],
    ['an entry that did not compete', [pick(14)], [], 'RECOMMENDATION_NOT_COMPETED', [14]],
    ['the same entry twice', [pick(11), pick(12), pick(11)], [], 'RECOMMENDATION_DUPLICATE', [11]],
    [
      'already recommended at that level',
      [pick(12), pick(13)],
      [13],
      'RECOMMENDATION_DUPLICATE',
      [13],
    ],
    ['no reason', [pick(11), pick(12, '')], [], 'RECOMMENDATION_REASON_REQUIRED', [12]],
    ['only spaces for a reason', [pick(12, '   ')], [], 'RECOMMENDATION_REASON_REQUIRED', [12]],
  ])('refuses %s', (_label, picks, already, code, entryIds) => {
    expect(checkRecommendations(picks, results, already)).toEqual({ ok: false, code, entryIds });
  });

  it('takes any competitor, not only the best: the 1st and the 3rd, with their reasons', () => {
    const check = checkRecommendations([pick(13, ' 实操第一 '), pick(11)], results, [12]);
    expect(check).toEqual({
      ok: true,
      picks: [
        { entryId: 13, contestantId: 103, status: 'competed', rank: 3, reason: '实操第一' },
        {
          entryId: 11,
          contestantId: 101,
          status: 'competed',
          rank: 1,
          reason: '一等奖，年龄符合省赛要求',
        },
      ],
    });
  });
});
