import { fourEyesViolation, GrantStep } from './four-eyes';

describe('fourEyesViolation', () => {
  it.each<[GrantStep, number | null, number | null, number | null, boolean, string | null]>([
    // step, actor, editedBy, approvedBy, enabled, expected
    ['approve', 1, 1, null, true, 'FOUR_EYES_OWN_EDIT'],
    ['approve', 2, 1, null, true, null],
    ['approve', 1, null, null, true, null],
    ['approve', 1, 1, null, false, null],
    ['pay', 2, 1, 2, true, 'FOUR_EYES_APPROVER_PAYS'],
    ['pay', 1, 1, 2, true, null],
    ['pay', 3, 1, 2, true, null],
    ['pay', 2, 1, 2, false, null],
    ['pay', null, 1, 2, true, null],
  ])(
    '%s by %s (edited by %s, approved by %s, on: %s) → %s',
    (step, actor, edited, approved, on, code) => {
      expect(
        fourEyesViolation(step, actor, { editedById: edited, approvedById: approved }, on),
      ).toBe(code);
    },
  );
});
