import {
  addressee,
  chineseNumeral,
  clauseReferences,
  clauseSourceWords,
  durationWords,
  mark2,
  upgradeWords,
  chineseDateTime,
} from './document-words';

describe('document words', () => {
  it.each([
    [7, '七'],
    [10, '十'],
    [17, '十七'],
    [20, '二十'],
    [105, '一百零五'],
    [339, '三百三十九'],
    [2015, '二千零一十五'],
  ])('numbers articles in Chinese: %d → %s', (n, words) => {
    expect(chineseNumeral(n)).toBe(words);
  });

  it.each([
    ['锡政发〔2015〕339号 第17条', '锡政发〔2015〕339号 第十七条'],
    // Not citations: the words of policies stored before the rules moved into docs/domain.md
    // (a console clone keeps its clauses' sources), still printed as the practice they name.
    ['DOMAIN.md（竞赛惯例，非第17条原文）', '竞赛惯例'],
    ['DOMAIN.md（无锡第四届2019年做法）', '竞赛惯例（无锡第四届2019年做法）'],
    ['docs/domain.md（竞赛惯例，非第17条原文）', '竞赛惯例'],
    ['docs/domain.md（无锡第四届2019年做法）', '竞赛惯例（无锡第四届2019年做法）'],
  ])('words a clause source: %s', (source, words) => {
    expect(clauseSourceWords(source)).toBe(words);
  });

  it('cites each source once, in order, and never an id', () => {
    const clauses = [
      { id: '17.worker.1', source: '锡政发〔2015〕339号 第17条', quote: '' },
      { id: '17.worker.2-3', source: '锡政发〔2015〕339号 第17条', quote: '' },
      {
        id: 'practice.promotion-targets',
        source: 'docs/domain.md（无锡第四届2019年做法）',
        quote: '',
      },
    ];
    expect(clauseReferences(['17.worker.2-3', 'practice.promotion-targets'], clauses)).toBe(
      '锡政发〔2015〕339号 第十七条；竞赛惯例（无锡第四届2019年做法）',
    );
    expect(clauseReferences(['gone'], clauses)).toBe('奖励政策');
  });

  it.each([
    ['worker', '同志'],
    ['student', '同学'],
  ])('addresses a %s as %s on a certificate', (group, word) => {
    expect(addressee(group)).toBe(word);
  });

  it('marks with 2 decimals, durations and promotions in words', () => {
    expect([mark2(90), mark2(93.2), mark2(null)]).toEqual(['90.00', '93.20', '']);
    expect([durationWords(125), durationWords(3725), durationWords(null)]).toEqual([
      '2分05秒',
      '1小时02分05秒',
      '',
    ]);
    expect(upgradeWords('senior', 'technician', null)).toBe('高级工（三级） → 技师（二级）');
    expect(upgradeWords(null, 'senior', null)).toBe('无 → 高级工（三级）');
    expect(upgradeWords('senior_technician', null, 'at-top')).toBe('已是最高等级，不再晋升');
    expect(upgradeWords('senior_technician', null, 'already at the top level')).toBe(
      '已是最高等级，不再晋升',
    );
  });
});

describe('chineseDateTime', () => {
  it.each([
    ['2026-12-01T21:38:37.995Z', '2026年12月2日 05:38'],
    ['2026-10-20T01:05:00.000Z', '2026年10月20日 09:05'],
  ])('prints %s in Beijing time as %s', (iso, words) => {
    expect(chineseDateTime(iso)).toBe(words);
  });
});
