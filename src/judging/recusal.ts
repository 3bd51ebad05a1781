/** 回避: a judge never marks a contestant from the judge's own unit (recommending unit or employer). */
export function isRecused(
  judgeUnit: string | null,
  contestant: { unitName: string; employer: string | null },
): boolean {
  if (!judgeUnit) {
    return false;
  }
  const unit = judgeUnit.trim();
  return unit === contestant.unitName.trim() || unit === (contestant.employer ?? '').trim();
}
