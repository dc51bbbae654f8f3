import type { AttendanceRecordView, ResolvedAttendance } from '@ganxun/domain';
import type { RecordRow } from './record.js';

/** A trainee of an item as the views name them. */
export interface TraineeRef {
  enrollmentId: string;
  personId: string;
  name: string;
  unitName: string | null;
  groupId: string | null;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** One trainee's record for one item (an empty record while nothing is known). */
export function presentRecord(
  sessionId: string,
  trainee: TraineeRef,
  row: RecordRow | null | undefined,
  resolved: ResolvedAttendance | null,
): AttendanceRecordView {
  return {
    sessionId,
    enrollmentId: trainee.enrollmentId,
    person: { id: trainee.personId, name: trainee.name, unitName: trainee.unitName },
    status: resolved?.status ?? null,
    method: resolved?.method ?? null,
    late: resolved?.late ?? false,
    leftEarly: resolved?.leftEarly ?? false,
    checkInAt: iso(row?.checkInAt),
    checkInMethod: row?.checkInMethod ?? null,
    checkOutAt: iso(row?.checkOutAt),
    checkOutMethod: row?.checkOutMethod ?? null,
    mark:
      row?.markStatus && row.markAt
        ? { status: row.markStatus, by: row.markBy, note: row.markNote, at: row.markAt.toISOString() }
        : null,
    updatedAt: iso(row?.updatedAt),
  };
}
