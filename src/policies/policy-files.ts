import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RewardPolicy } from '../domain/policy';
import { validatePolicy } from '../domain/policy-validation';

export class PolicyFileError extends Error {}

/**
 * Reads and validates every *.json in the policies folder. Any error stops the start with a
 * message naming the file, the JSON path and the rule broken — a wrong amount must never reach
 * a payout list.
 */
export function loadPolicyFiles(dir: string): RewardPolicy[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const policies: RewardPolicy[] = [];
  const problems: string[] = [];
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      problems.push(
        `${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      );
      continue;
    }
    const result = validatePolicy(json);
    if (result.ok) {
      policies.push(result.policy);
    } else {
      problems.push(
        ...result.errors.map((e) => `${file}: ${e.path || '(root)'}: ${e.code}: ${e.message}`),
      );
    }
  }
  const ids = policies.map((p) => p.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) {
    problems.push(`two policy files have the id ${duplicate}`);
  }
  if (problems.length > 0) {
    throw new PolicyFileError(`Invalid reward policy files in ${dir}:\n  ${problems.join('\n  ')}`);
  }
  return policies;
}
