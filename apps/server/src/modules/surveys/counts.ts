import type { Executor } from '../../db/client.js';
import { activeEnrollments, ensureForms, formsOf, itemsOf } from './forms.js';
import { countsOf } from './stats.js';

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
export async function evaluationCounts(db: Executor, classId: string): Promise<Map<string, EvaluationCount>> {
  await ensureForms(db, classId);
  const forms = (await formsOf(db, classId)).filter((f) => !f.withdrawnAt);
  const counts = await countsOf(db, classId, forms, await itemsOf(db, classId));
  const out = new Map<string, EvaluationCount>();
  for (const e of await activeEnrollments(db, classId)) out.set(e.id, { required: 0, submitted: 0 });
  for (const c of counts.values()) {
    for (const id of c.expected) {
      const have = out.get(id);
      if (!have) continue;
      have.required += 1;
      if (c.responded.has(id)) have.submitted += 1;
    }
  }
  return out;
}
