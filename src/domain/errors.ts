/**
 * The one error type of the pure rules. `code` is stable (clients and the exception filter key
 * on it); `params` are the values a sentence about it needs (worded per language by the
 * catalogue in src/common/errors/catalogue); `message` is the English fallback; `details`
 * carries whatever helps fix the input.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly params?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A mark that breaks the marking scheme (out of range, off step, wrong scale). */
export class MarkError extends DomainError {}

/** A ranking or prize input that cannot be processed (bad weights, bad quota rule). */
export class RankingError extends DomainError {}

/** A reward input that cannot be processed (bad placing, negative amount, missing prize). */
export class RewardError extends DomainError {}
