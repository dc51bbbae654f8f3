import type { ClassView } from '@ganxun/domain';

/** A class's attendance for its runners: items, the live board, marks, the room's code, scanning. */
export function AttendanceTab(_props: { cls: ClassView }) {
  return null;
}
