import { describe, expect, it } from 'vitest';
import type { Aspect } from '../api/contracts';
import { scaleMax, valueError } from './value';

const measurement = { kind: 'measurement', max: 20, step: 0.5 } as unknown as Aspect;
const fine = { kind: 'measurement', max: 10 } as unknown as Aspect;
const worldskills = { kind: 'judgement', aggregation: 'worldskills', max: 6 } as unknown as Aspect;

describe('the tablet refuses what the server would refuse, before it is queued', () => {
  it.each<[string, Aspect, number, string | null]>([
    ['a whole mark', measurement, 15, null],
    ['a half step', measurement, 17.5, null],
    ['the maximum', measurement, 20, null],
    ['zero', measurement, 0, null],
    ['over the maximum', measurement, 20.5, 'MARK_OUT_OF_RANGE'],
    ['negative', measurement, -0.5, 'MARK_OUT_OF_RANGE'],
    ['off the half step', measurement, 17.3, 'MARK_OFF_STEP'],
    ['hundredths where no step is set', fine, 7.25, null],
    ['thousandths', fine, 7.255, 'MARK_OFF_STEP'],
    ['not a number', fine, Number.NaN, 'MARK_NOT_NUMBER'],
    ['infinity', fine, Number.POSITIVE_INFINITY, 'MARK_NOT_NUMBER'],
    ['a WorldSkills 3', worldskills, 3, null],
    ['a WorldSkills 4', worldskills, 4, 'MARK_SCALE'],
    ['a WorldSkills 1.5', worldskills, 1.5, 'MARK_SCALE'],
  ])('%s', (_name, aspect, value, expected) => {
    expect(valueError(aspect, value)).toBe(expected);
  });

  it('types WorldSkills judgements on 0–3 whatever the aspect weighs', () => {
    expect(scaleMax(worldskills)).toBe(3);
    expect(scaleMax(measurement)).toBe(20);
  });
});
