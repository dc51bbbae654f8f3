import type { RoomBody, RoomSlot } from '@ganxun/domain';
import type { FieldProblem } from '../../platform/errors.js';
import { shanghaiToday } from '../regions/validity.js';

/**
 * Who may do what with a class's logistics, and the room rules the database cannot state.
 *
 * - Staff: the class's `logistics` runners (classes/policy.ts: logistics.manage — org admins and
 *   training officers within reach, the class's director and assistants) read and change it all.
 * - A trainee reads their own part (/logistics/me) while enrolled, and changes their own needs
 *   until the class's last day.
 */

/** May the trainee still change their own needs (up to and including the class's last day)? */
export function mayEditOwnNeeds(
  klass: { status: string; endDate: string | null },
  now: Date = new Date(),
): boolean {
  if (['completed', 'archived', 'cancelled'].includes(klass.status)) return false;
  return !klass.endDate || shanghaiToday(now) <= klass.endDate;
}

export interface Occupant {
  gender: 'male' | 'female' | null;
  singleRoom: boolean;
}

/**
 * A room as the allocation rules see it: its gender is the hotel's (a women's floor) or its
 * sleepers', and someone with a room of their own fills it.
 */
export function slotOf(
  room: { id: string; beds: number; gender: 'male' | 'female' | null },
  occupants: readonly Occupant[],
): RoomSlot {
  return {
    id: room.id,
    beds: room.beds,
    gender: room.gender ?? occupants.find((o) => o.gender)?.gender ?? null,
    occupants: occupants.some((o) => o.singleRoom) ? room.beds : occupants.length,
  };
}

/** Why a room may not change as asked while these trainees sleep in it. */
export function roomChangeProblems(patch: Partial<RoomBody>, occupants: readonly Occupant[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (patch.beds !== undefined && patch.beds < occupants.length)
    problems.push({ path: 'beds', key: 'room_beds_below_occupants', x: occupants.length });
  if (patch.gender && occupants.some((o) => o.gender !== patch.gender))
    problems.push({ path: 'gender', key: 'room_gender_occupied' });
  return problems;
}
