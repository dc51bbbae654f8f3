import type { CategoryWarning, CreateSecondmentBody } from '@ganxun/domain';
import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import type { FieldProblem } from '../../platform/errors.js';

/**
 * Writing secondments, shared by the API (one at a time) and the xlsx import (a batch, all or
 * nothing). OWNER: the secondments helper. The import helper calls these two functions; their
 * signatures are fixed.
 */

/** A create body with the home unit resolved (the person's unit when the body left it out). */
export type SecondmentInput = CreateSecondmentBody & { homeUnitId: string };

export interface SecondmentCheck {
  /** Field problems (paths as in CreateSecondmentBody: `hostUnitId`, `plannedEnd`, `personId`, …). */
  problems: FieldProblem[];
  /** Category/specialty differences from the person's record: recorded, not refused. */
  warnings: CategoryWarning[];
}

/**
 * Checks one input against the database without writing: the pairing exists and is not ended,
 * the person and units exist, the home unit lies on the sending side and the host unit on the
 * receiving side (region subtree, or the side's unit subtree), the form is in the
 * `secondment_form` dictionary, and the term overlaps none of the person's other open terms —
 * nor any of `batch` (the other rows of an import; pass [] for one). Warnings compare category
 * and specialty with the person's record (`categoryWarnings`).
 */
export async function checkSecondment(
  _exec: Executor,
  _input: SecondmentInput,
  _batch: readonly SecondmentInput[],
): Promise<SecondmentCheck> {
  throw new Error('not implemented yet');
}

/**
 * Inserts the inputs in `tx` (status planned, or as `initial` gives for imported history), each
 * after locking its person's row and re-checking overlap (409 `secondment_overlaps` on `personId`
 * if another request got there first), with their warnings, a `created` event each and one audit
 * record per secondment. Returns the new ids in input order. Throws AppError on any problem — the
 * caller's transaction then writes nothing.
 */
export async function insertSecondments(
  _tx: Executor,
  _ctx: RequestContext,
  _inputs: readonly (SecondmentInput & {
    /** Imported history: actual dates and the status they imply (default: planned, no actual dates). */
    initial?: {
      status: 'planned' | 'in_post' | 'completed';
      actualStart: string | null;
      actualEnd: string | null;
    };
  })[],
): Promise<string[]> {
  throw new Error('not implemented yet');
}
