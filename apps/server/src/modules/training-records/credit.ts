import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import type { ClassRecord } from '../classes/service.js';

/** A completion to credit to a person's archive. */
export interface CompletionCredit {
  enrollmentId: string;
  personId: string;
  hours: number;
  certificateId: string | null;
}

/**
 * Credits each completion to the person's archive (category 脱产 `full_time`, or `online` for an
 * online class; title and organiser from the class; dates the class's), once per enrollment:
 * an existing record is updated (hours, certificate) and un-voided. In the caller's transaction,
 * audited. Implemented by the training-records module.
 */
export async function creditCompletions(
  _tx: Executor,
  _ctx: RequestContext,
  _cls: ClassRecord,
  _credits: readonly CompletionCredit[],
): Promise<void> {
  throw new Error('not implemented yet');
}

/** Voids the completion records of these enrollments with a reason (completion withdrawn). */
export async function voidCompletions(
  _tx: Executor,
  _ctx: RequestContext,
  _classId: string,
  _enrollmentIds: readonly string[],
  _reason: string,
): Promise<void> {
  throw new Error('not implemented yet');
}
