import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { classGroups, enrollments, people, regions, units } from '../../db/schema/index.js';

/** One trainee of a class as the roster exports print them. */
export interface TraineeRow {
  enrollmentId: string;
  status: 'enrolled' | 'withdrawn';
  role: 'member' | 'monitor' | 'deputy_monitor' | 'group_leader';
  groupName: string | null;
  arrivalAt: Date | null;
  arrivalTransport: 'train' | 'flight' | 'car' | 'other' | null;
  arrivalNumber: string | null;
  returnTicketNeeded: boolean;
  accommodation: string | null;
  note: string | null;
  checkedInAt: Date | null;
  withdrawReason: string | null;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string;
  birthDate: string;
  politicalStatus: string | null;
  post: string | null;
  rank: string | null;
  mobileMasked: string | null;
  /** Only selected for a contact list whose reader may see contacts. */
  mobileEnc?: string | null;
  unitName: string;
  regionCode: string;
  regionName: string | null;
  regionNameZhTw: string | null;
}

export interface TraineeFilter {
  includeWithdrawn?: boolean;
  groupId?: string;
  /** Select the encrypted mobile number too (unmasked contact lists only). */
  withMobile?: boolean;
}

/**
 * The trainees of a class in roster order: by group (its sort order, then name; no group last),
 * then region (GB/T 2260 code order), then unit (its sort order, then name), then name by pinyin.
 * Enrolled ones only unless withdrawn ones are asked for. Text is compared byte-wise (`collate
 * "C"`) so that PGlite and PostgreSQL give the same order whatever their locale.
 */
export async function loadTrainees(
  db: Db,
  classId: string,
  filter: TraineeFilter = {},
): Promise<TraineeRow[]> {
  return db
    .select({
      enrollmentId: enrollments.id,
      status: enrollments.status,
      role: enrollments.role,
      groupName: classGroups.name,
      arrivalAt: enrollments.arrivalAt,
      arrivalTransport: enrollments.arrivalTransport,
      arrivalNumber: enrollments.arrivalNumber,
      returnTicketNeeded: enrollments.returnTicketNeeded,
      accommodation: enrollments.accommodation,
      note: enrollments.note,
      checkedInAt: enrollments.checkedInAt,
      withdrawReason: enrollments.withdrawReason,
      name: people.name,
      gender: people.gender,
      ethnicity: people.ethnicity,
      birthDate: people.birthDate,
      politicalStatus: people.politicalStatus,
      post: people.post,
      rank: people.rank,
      mobileMasked: people.mobileMasked,
      ...(filter.withMobile ? { mobileEnc: people.mobileEnc } : {}),
      unitName: units.name,
      regionCode: units.regionCode,
      regionName: regions.name,
      regionNameZhTw: regions.nameZhTw,
    })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .innerJoin(units, eq(units.id, people.unitId))
    .leftJoin(regions, eq(regions.code, units.regionCode))
    .leftJoin(classGroups, eq(classGroups.id, enrollments.groupId))
    .where(
      and(
        eq(enrollments.classId, classId),
        filter.includeWithdrawn ? undefined : eq(enrollments.status, 'enrolled'),
        filter.groupId ? eq(enrollments.groupId, filter.groupId) : undefined,
      ),
    )
    .orderBy(
      sql`${classGroups.sortOrder} asc nulls last`,
      sql`${classGroups.name} collate "C" asc nulls last`,
      asc(units.regionCode),
      asc(units.sortOrder),
      sql`${units.name} collate "C"`,
      asc(units.id),
      asc(people.namePinyin),
      sql`${people.name} collate "C"`,
      asc(people.id),
    );
}

/** The group of a class, or null when it is not one of this class's groups. */
export async function loadGroup(
  db: Db,
  classId: string,
  groupId: string,
): Promise<{ id: string; name: string } | null> {
  const [row] = await db
    .select({ id: classGroups.id, name: classGroups.name })
    .from(classGroups)
    .where(and(eq(classGroups.classId, classId), eq(classGroups.id, groupId)));
  return row ?? null;
}
