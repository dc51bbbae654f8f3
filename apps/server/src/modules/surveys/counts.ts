import type { Executor } from '../../db/client.js';

/** The evaluation forms a trainee had to submit in a class, and submitted. */
export interface EvaluationCount {
  required: number;
  submitted: number;
}

/**
 * For completion: per active enrollment of the class, the forms expected of it (the class form and
 * the lecture forms of the items of its groups, forms not withdrawn, made sure to exist first) and
 * those it responded to. Implemented by the surveys module.
 */
export async function evaluationCounts(
  _db: Executor,
  _classId: string,
): Promise<Map<string, EvaluationCount>> {
  throw new Error('not implemented yet');
}
