import { describe, expect, it } from 'vitest';
import wuxi2015 from '../../../../../data/policies/wuxi-2015.json';
import type { PolicyDocument } from '../../../api/awards';
import { chooseLadder, ladderChoice, targetLevels } from './policyRules';

const fresh = () => structuredClone(wuxi2015) as unknown as PolicyDocument;

describe('the policy form’s ladder choice', () => {
  it('reads the 2015 file as the 2015 ladder, capped at 高级技师', () => {
    const doc = fresh();
    expect(ladderChoice(doc)).toBe('2015');
    expect(targetLevels(doc)).toEqual([
      'junior',
      'intermediate',
      'senior',
      'technician',
      'senior_technician',
    ]);
  });

  it('switches to the 2022 ladder with its clause, once, keeping the cap at 高级技师', () => {
    const doc = fresh();
    chooseLadder(doc, '2022');
    chooseLadder(doc, '2022');
    expect(ladderChoice(doc)).toBe('2022');
    expect(doc.promotion.ladder.clause).toBe('practice.ladder-2022');
    expect(doc.clauses.filter((c) => c.id === 'practice.ladder-2022')).toHaveLength(1);
    expect(doc.promotion.cap.level).toBe('senior_technician');
    // Targets stop at the cap: 特级/首席 are chosen by employers.
    expect(targetLevels(doc)).toEqual([
      'apprentice',
      'junior',
      'intermediate',
      'senior',
      'technician',
      'senior_technician',
    ]);
  });

  it('brings a cap of 首席技师 back onto the 2015 ladder', () => {
    const doc = fresh();
    chooseLadder(doc, '2022');
    doc.promotion.cap.level = 'chief_technician';
    chooseLadder(doc, '2015');
    expect(doc.promotion.cap.level).toBe('senior_technician');
  });

  it('calls any other ladder custom', () => {
    const doc = fresh();
    doc.promotion.ladder.levels = ['senior', 'technician'];
    expect(ladderChoice(doc)).toBe('custom');
  });
});
