import { externalResultKey, normaliseName } from './external-key';

describe('normaliseName: one competition, however it is typed', () => {
  it.each<[string, string, number]>([
    ['江苏技能状元大赛', '江苏技能状元大赛', 2026],
    ['江苏技能状元大赛 ', '江苏技能状元大赛', 2026],
    [' 江苏 技能状元 大赛', '江苏技能状元大赛', 2026],
    ['江苏技能状元大赛（2026）', '江苏技能状元大赛', 2026],
    ['江苏技能状元大赛(2026)', '江苏技能状元大赛', 2026],
    ['江苏技能状元大赛【2026年】', '江苏技能状元大赛', 2026],
    ['2026年江苏技能状元大赛', '江苏技能状元大赛', 2026],
    ['２０２６年江苏技能状元大赛', '江苏技能状元大赛', 2026],
    ['《江苏技能状元大赛》', '江苏技能状元大赛', 2026],
    ['江苏技能状元大赛\u3000', '江苏技能状元大赛', 2026],
    ['ＷｏｒｌｄＳｋｉｌｌｓ 2026', 'worldskills', 2026],
    ['第二届全国技能大赛', '第二届全国技能大赛', 2026],
  ])('%j → %j', (input, expected, year) => {
    expect(normaliseName(input, year)).toBe(expected);
  });

  it('keeps a different year in the name: that is another competition', () => {
    expect(normaliseName('江苏技能状元大赛（2024）', 2026)).toBe('江苏技能状元大赛2024');
  });
});

describe('externalResultKey: contestant, level, competition, year, event', () => {
  const base = {
    contestantId: 7,
    level: 'provincial' as const,
    competition: '江苏技能状元大赛',
    year: 2026,
    eventName: '数控车工',
  };

  it.each<[string, Partial<typeof base>, boolean]>([
    ['the same record', {}, true],
    ['a trailing space', { competition: '江苏技能状元大赛 ' }, true],
    ['the year in full-width brackets', { competition: '江苏技能状元大赛（2026）' }, true],
    ['the event in brackets with spaces', { eventName: ' 数控车工（职工组）' }, false],
    ['another event', { eventName: '电工' }, false],
    ['another year', { year: 2028 }, false],
    ['another level', { level: 'national' as never }, false],
    ['another contestant', { contestantId: 8 }, false],
  ])('%s → same key: %s', (_, change, same) => {
    expect(externalResultKey({ ...base, ...change }) === externalResultKey(base)).toBe(same);
  });

  it('fits the column (at most 400 characters)', () => {
    const key = externalResultKey({
      ...base,
      competition: '赛'.repeat(200),
      eventName: '项'.repeat(100),
    });
    expect(key.length).toBeLessThanOrEqual(400);
  });
});
