import { asc, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { lecturers, venues } from '../../db/schema/index.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import { requireEditable } from './policy.js';

/**
 * Write serialisation. Every timetable write locks its class row first (writers of one class queue
 * there), then the lecturers and venues it books, each in id order (two classes booking one
 * lecturer queue on the lecturer's row, so the second one's check sees the first one's item). One
 * class per transaction, then lecturers, then venues: the same order everywhere, so no deadlock.
 */
export async function lockForWrite(
  tx: Tx,
  classes: ClassService,
  classId: string,
  booked: { lecturerIds: Iterable<string>; venueIds: Iterable<string> } = { lecturerIds: [], venueIds: [] },
): Promise<ClassRecord> {
  const record = await classes.load(classId, tx, true);
  requireEditable(record);
  await lockBookings(tx, booked);
  return record;
}

/** Locks lecturer and venue rows (id order), for the write's checks to see committed bookings. */
export async function lockBookings(
  tx: Tx,
  booked: { lecturerIds: Iterable<string>; venueIds: Iterable<string> },
): Promise<void> {
  const lecturerIds = [...new Set(booked.lecturerIds)].sort();
  const venueIds = [...new Set(booked.venueIds)].sort();
  if (lecturerIds.length) {
    await tx
      .select({ id: lecturers.id })
      .from(lecturers)
      .where(inArray(lecturers.id, lecturerIds))
      .orderBy(asc(lecturers.id))
      .for('no key update');
  }
  if (venueIds.length) {
    await tx
      .select({ id: venues.id })
      .from(venues)
      .where(inArray(venues.id, venueIds))
      .orderBy(asc(venues.id))
      .for('no key update');
  }
}
