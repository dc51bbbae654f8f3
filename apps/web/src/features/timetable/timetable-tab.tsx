import type { ClassView } from '@ganxun/domain';

/** The class's timetable: a calendar editor for staff, the published programme for everyone else. */
export function TimetableTab(_props: { cls: ClassView }) {
  return null;
}
