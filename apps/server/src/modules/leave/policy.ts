import { mayDecideLeave } from '@ganxun/domain';
import type { Actor } from '../../platform/context.js';
import type { ClassAction } from '../classes/policy.js';
import { runs } from '../classes/policy.js';
import type { ClassRecord } from '../classes/service.js';
import type { LeaveRow } from './query.js';

/**
 * Who may see and decide leave requests. The trainee who asked sees their own; the class's runners
 * for `leave` (org admins, training officers, the class director and assistants) see the class's.
 * Level 1 is decided by a runner for `leave`; level 2 by a runner for `approve` (org admin,
 * training officer: never the class director alone), and never by the requester nor by the
 * level-1 decider (`mayDecideLeave`).
 */

/** The class action a decision at `level` needs. */
export function levelAction(level: number): ClassAction {
  return level <= 1 ? 'leave' : 'approve';
}

/** May the actor see this request? */
export function mayReadRequest(actor: Actor, cls: ClassRecord, row: Pick<LeaveRow, 'requestedBy'>): boolean {
  return row.requestedBy === actor.id || runs(actor, 'leave', cls.place);
}

/**
 * May the actor take the next decision on a pending request? null when yes, else why not: the
 * actor does not run the class for the level's action, or is the requester / an earlier decider.
 */
export function mayDecideNext(
  actor: Actor,
  cls: ClassRecord,
  row: Pick<LeaveRow, 'requestedBy'>,
  earlierDeciders: readonly string[],
): 'not_runner' | 'self' | null {
  if (!runs(actor, levelAction(earlierDeciders.length + 1), cls.place)) return 'not_runner';
  if (!mayDecideLeave(row.requestedBy, actor.id, earlierDeciders)) return 'self';
  return null;
}
