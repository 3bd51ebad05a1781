/** The errors a policy document can have, and the structural checks that record them. */

export type PolicyErrorCode =
  | 'POLICY_TYPE'
  | 'POLICY_MISSING_PRIZE'
  | 'POLICY_UNKNOWN_PRIZE'
  | 'POLICY_UNKNOWN_GROUP'
  | 'POLICY_NEGATIVE_AMOUNT'
  | 'POLICY_AMOUNT_NOT_INTEGER'
  | 'POLICY_UNKNOWN_LEVEL'
  | 'POLICY_UNKNOWN_TITLE'
  | 'POLICY_DUPLICATE_TITLE'
  | 'POLICY_DUPLICATE_CLAUSE'
  | 'POLICY_UNKNOWN_CLAUSE'
  | 'POLICY_TEAM_CASH'
  | 'POLICY_BAD_PLACING'
  | 'POLICY_BAD_RATIO'
  | 'POLICY_LADDER_EMPTY'
  | 'POLICY_LADDER_DUPLICATE'
  | 'POLICY_LADDER_ORDER'
  | 'POLICY_CAP_NOT_ON_LADDER'
  | 'POLICY_TARGET_NOT_ON_LADDER'
  | 'POLICY_TARGET_ABOVE_CAP'
  | 'POLICY_BAD_DAYS';

export interface PolicyError {
  /** JSON path of the offending value, e.g. "prizes.worker.2.cash". */
  path: string;
  code: PolicyErrorCode;
  message: string;
}

export type Json = Record<string, unknown>;

/** Small structural checks that record a POLICY_TYPE error and narrow the value. */
export class Checker {
  constructor(private readonly errors: PolicyError[]) {}

  count(): number {
    return this.errors.length;
  }

  push(path: string, code: PolicyErrorCode, message: string): void {
    this.errors.push({ path: path === '' ? '$' : path, code, message });
  }

  object(value: unknown, path: string): value is Json {
    const ok = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (!ok) {
      this.push(path, 'POLICY_TYPE', 'Expected an object.');
    }
    return ok;
  }

  string(value: unknown, path: string): value is string {
    const ok = typeof value === 'string' && value.trim() !== '';
    if (!ok) {
      this.push(path, 'POLICY_TYPE', 'Expected a non-empty string.');
    }
    return ok;
  }

  integer(value: unknown, path: string): value is number {
    const ok = typeof value === 'number' && Number.isInteger(value);
    if (!ok) {
      this.push(path, 'POLICY_TYPE', 'Expected a whole number.');
    }
    return ok;
  }

  boolean(value: unknown, path: string): value is boolean {
    const ok = typeof value === 'boolean';
    if (!ok) {
      this.push(path, 'POLICY_TYPE', 'Expected true or false.');
    }
    return ok;
  }

  array(value: unknown, path: string, each: (item: unknown, path: string) => void): void {
    if (!Array.isArray(value)) {
      this.push(path, 'POLICY_TYPE', 'Expected a list.');
      return;
    }
    value.forEach((item, i) => each(item, `${path}[${i}]`));
  }
}
