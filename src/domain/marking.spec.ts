import {
  type Aspect,
  aggregateAspect,
  componentMark,
  type JudgementAspect,
  type MarkingScheme,
  moduleMark,
  validateMarkValue,
  validateScheme,
} from './marking';

const measured: Aspect = { kind: 'measurement', code: 'A1', max: 5, step: 0.5 };
const penalty: Aspect = { kind: 'deduction', code: 'D1', max: 3, step: 0.5 };
const judged = (over: Partial<JudgementAspect> = {}): JudgementAspect => ({
  kind: 'judgement',
  code: 'J1',
  max: 10,
  aggregation: 'trimmed-mean',
  step: 0.5,
  ...over,
});
const ws = (over: Partial<JudgementAspect> = {}): JudgementAspect =>
  judged({ aggregation: 'worldskills', step: undefined, max: 2, ...over });

describe('validateMarkValue', () => {
  it.each<[string, Aspect, number, string | null]>([
    ['measurement at 0', measured, 0, null],
    ['measurement at max', measured, 5, null],
    ['measurement on step', measured, 2.5, null],
    ['measurement above max', measured, 5.5, 'MARK_OUT_OF_RANGE'],
    ['measurement negative', measured, -0.5, 'MARK_OUT_OF_RANGE'],
    ['measurement off step', measured, 2.25, 'MARK_OFF_STEP'],
    ['measurement NaN', measured, Number.NaN, 'MARK_NOT_NUMBER'],
    ['judgement 3 decimals', judged({ step: 0.01 }), 1.005, 'MARK_OFF_STEP'],
    ['judgement on 0.01 step', judged({ step: 0.01 }), 7.35, null],
    ['deduction within max', penalty, 3, null],
    ['deduction above max', penalty, 3.5, 'MARK_OUT_OF_RANGE'],
    ['worldskills 3', ws(), 3, null],
    ['worldskills 0', ws(), 0, null],
    ['worldskills 1.5', ws(), 1.5, 'MARK_SCALE'],
    ['worldskills 4', ws(), 4, 'MARK_SCALE'],
    ['worldskills -1', ws(), -1, 'MARK_SCALE'],
  ])('%s', (_label, aspect, value, code) => {
    expect(validateMarkValue(aspect, value)?.code ?? null).toBe(code);
  });
});

describe('aggregateAspect', () => {
  // docs/domain.md: "With 5 or more judges drop the highest and lowest and average the rest;
  // otherwise average."
  it.each<[string, JudgementAspect, number[], number, number]>([
    ['3 judges: plain mean, rounded half up', judged(), [6, 7, 7], 6.67, 1],
    ['4 judges: plain mean, nothing dropped', judged(), [5, 8, 9, 10], 8, 5],
    ['5 judges: drop 7 and 10', judged(), [10, 8, 7, 9, 8.5], 8.5, 3],
    ['5 judges: tied extremes drop one each', judged(), [6, 6, 8, 9, 9], 7.67, 3],
    ['5 judges all equal', judged(), [8, 8, 8, 8, 8], 8, 0],
    ['6 judges: drop 5 and 9', judged(), [5, 6, 6, 7, 7, 9], 6.5, 4],
    ['mean never trims', judged({ aggregation: 'mean' }), [5, 6, 6, 7, 9], 6.6, 4],
    [
      'mean of 0.1 and 0.2 is 0.15',
      judged({ aggregation: 'mean', step: 0.1, max: 1 }),
      [0.1, 0.2],
      0.15,
      0.1,
    ],
    ['1.015 rounds half up', judged({ aggregation: 'mean', step: 0.01 }), [1.01, 1.02], 1.02, 0.01],
    ['worldskills 2,2,3 of 2 → 7/9 × 2', ws(), [2, 2, 3], 1.56, 1],
    ['worldskills all 3 → max', ws(), [3, 3, 3], 2, 0],
    ['worldskills 0,1,1 of 2 → 0.44', ws(), [0, 1, 1], 0.44, 1],
    ['worldskills 1,2 of 1.5 → 0.75', ws({ max: 1.5 }), [1, 2], 0.75, 1],
  ])('%s', (_label, aspect, values, mark, spread) => {
    const r = aggregateAspect(aspect, values);
    expect(r.mark).toBe(mark);
    expect(r.spread).toBe(spread);
  });

  it.each<[string, JudgementAspect, number[], boolean]>([
    ['worldskills spread 1 allowed by default', ws(), [2, 3, 3], false],
    ['worldskills spread 2 flagged by default', ws(), [1, 3, 3], true],
    ['worldskills maxSpread 0 flags any difference', ws({ maxSpread: 0 }), [2, 3], true],
    ['mean within maxSpread 1.5', judged({ maxSpread: 1.5 }), [5, 6.5], false],
    ['mean beyond maxSpread 1.5', judged({ maxSpread: 1.5 }), [5, 7], true],
    ['no maxSpread: never flagged', judged(), [0, 10], false],
  ])('%s', (_label, aspect, values, flagged) => {
    expect(aggregateAspect(aspect, values).flagged).toBe(flagged);
  });

  it.each<[string, Aspect, number[], number]>([
    ['measurement is its value', measured, [3.5], 3.5],
    ['deduction is negative', penalty, [2], -2],
  ])('%s', (_label, aspect, values, mark) => {
    expect(aggregateAspect(aspect, values)).toEqual({ mark, spread: 0, flagged: false });
  });

  it.each<[string, Aspect, number[], string]>([
    ['no judges', judged(), [], 'MARK_COUNT'],
    ['two values for a measurement', measured, [1, 1], 'MARK_COUNT'],
    ['an invalid value among valid ones', judged(), [7, 11, 8], 'MARK_OUT_OF_RANGE'],
    ['worldskills 2.5', ws(), [2, 2.5], 'MARK_SCALE'],
  ])('throws for %s', (_label, aspect, values, code) => {
    expect(() => aggregateAspect(aspect, values)).toThrow(expect.objectContaining({ code }));
  });
});

describe('moduleMark and componentMark', () => {
  const aspects: Aspect[] = [
    { kind: 'measurement', code: 'A', max: 6, step: 0.25 },
    { kind: 'measurement', code: 'B', max: 4, step: 0.25 },
    { kind: 'deduction', code: 'D', max: 3, step: 0.5 },
  ];

  it.each<[string, Record<string, number>, number]>([
    ['sums with the deduction taken off', { A: 5.5, B: 3.25, D: -2 }, 6.75],
    ['no deduction', { A: 6, B: 4, D: 0 }, 10],
    ['never below 0', { A: 1, B: 1, D: -3 }, 0],
  ])('%s', (_label, marks, expected) => {
    expect(moduleMark(aspects, marks)).toBe(expected);
  });

  it.each<[string, Record<string, number>, string]>([
    ['missing aspect', { A: 5, D: 0 }, 'MARK_MISSING'],
    ['unknown aspect', { A: 5, B: 1, D: 0, Z: 1 }, 'MARK_UNKNOWN_ASPECT'],
    ['positive deduction', { A: 5, B: 1, D: 1 }, 'MARK_OUT_OF_RANGE'],
    ['aspect above max', { A: 6.25, B: 1, D: 0 }, 'MARK_OUT_OF_RANGE'],
  ])('throws for %s', (_label, marks, code) => {
    expect(() => moduleMark(aspects, marks)).toThrow(expect.objectContaining({ code }));
  });

  it.each<[number[], number]>([
    [[33.33, 33.33, 33.34], 100],
    [[0.1, 0.2], 0.3],
    [[12.35, 40.1, 0], 52.45],
    [[], 0],
  ])('componentMark(%j) = %d', (marks, expected) => {
    expect(componentMark(marks)).toBe(expected);
  });
});

describe('validateScheme', () => {
  const valid = (): MarkingScheme => ({
    theory: { max: 100 },
    modules: [
      {
        code: 'M1',
        aspects: [
          { kind: 'measurement', code: 'M1.1', max: 40, step: 0.5 },
          { kind: 'judgement', code: 'M1.2', max: 20, aggregation: 'trimmed-mean', step: 0.1 },
          { kind: 'deduction', code: 'M1.D', max: 10, step: 1 },
        ],
      },
      {
        code: 'M2',
        aspects: [{ kind: 'judgement', code: 'M2.1', max: 40, aggregation: 'worldskills' }],
      },
    ],
  });

  it('accepts a scheme whose practical maxima add up to 100 (the deduction excluded)', () => {
    expect(validateScheme(valid())).toEqual([]);
  });

  it('accepts an event without theory', () => {
    expect(validateScheme({ ...valid(), theory: null })).toEqual([]);
  });

  it.each<[string, (s: MarkingScheme) => void, string, string]>([
    [
      'maxima add up to 99',
      (s) => void (s.modules[1].aspects[0].max = 39),
      'modules',
      'SCHEME_PRACTICAL_TOTAL',
    ],
    ['theory out of 120', (s) => void (s.theory = { max: 120 }), 'theory.max', 'SCHEME_THEORY_MAX'],
    [
      'aspect code repeated across modules',
      (s) => void (s.modules[1].aspects[0].code = 'M1.1'),
      'modules[1].aspects[0].code',
      'SCHEME_DUPLICATE_CODE',
    ],
    [
      'module code repeated',
      (s) => void (s.modules[1].code = 'M1'),
      'modules[1].code',
      'SCHEME_DUPLICATE_CODE',
    ],
    [
      'max not a multiple of step',
      (s) => void ((s.modules[0].aspects[0] as { step: number }).step = 0.3),
      'modules[0].aspects[0].step',
      'SCHEME_BAD_STEP',
    ],
    [
      'judgement mean without a step',
      (s) => void ((s.modules[0].aspects[1] as JudgementAspect).step = undefined),
      'modules[0].aspects[1].step',
      'SCHEME_BAD_STEP',
    ],
    [
      'negative maxSpread',
      (s) => void ((s.modules[1].aspects[0] as JudgementAspect).maxSpread = -1),
      'modules[1].aspects[0].maxSpread',
      'SCHEME_BAD_SPREAD',
    ],
    [
      'empty module',
      (s) => void s.modules.push({ code: 'M3', aspects: [] }),
      'modules[2].aspects',
      'SCHEME_EMPTY_MODULE',
    ],
  ])('reports %s', (_label, mutate, path, code) => {
    const scheme = valid();
    mutate(scheme);
    expect(validateScheme(scheme)).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('reports a bad max and does not count it', () => {
    const scheme = valid();
    scheme.modules[0].aspects[0].max = 0;
    const codes = validateScheme(scheme).map((e) => e.code);
    expect(codes).toEqual(expect.arrayContaining(['SCHEME_BAD_MAX', 'SCHEME_PRACTICAL_TOTAL']));
  });
});
