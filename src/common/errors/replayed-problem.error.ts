import type { Problem } from './problem.js';

/** The problem a first request ended in, answered again (with the new request's id) to its retry. */
export class ReplayedProblemError extends Error {
  override readonly name = 'ReplayedProblemError';

  constructor(
    readonly problem: Omit<Problem, 'requestId'>,
    readonly retryAfterSeconds?: number,
  ) {
    super(problem.detail);
  }
}
