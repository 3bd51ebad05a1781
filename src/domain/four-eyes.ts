/**
 * Four eyes on money: the account that created or last changed a grant does not approve it,
 * and the account that approved it does not pay it. An edition may turn the rule off (a
 * one-person office); it is on by default.
 */
export type GrantStep = 'approve' | 'pay';

export interface GrantHands {
  /** Who created the grant or last changed it (a computation, an external result). */
  editedById: number | null;
  approvedById: number | null;
}

export type FourEyesCode = 'FOUR_EYES_OWN_EDIT' | 'FOUR_EYES_APPROVER_PAYS';

export function fourEyesViolation(
  step: GrantStep,
  actorId: number | null,
  grant: GrantHands,
  enabled: boolean,
): FourEyesCode | null {
  if (!enabled || actorId === null) {
    return null;
  }
  if (step === 'approve') {
    return grant.editedById === actorId ? 'FOUR_EYES_OWN_EDIT' : null;
  }
  return grant.approvedById === actorId ? 'FOUR_EYES_APPROVER_PAYS' : null;
}
