import type { ENROLLMENT_ROLES, ENROLLMENT_STATUSES, TRANSPORT_MODES } from '@ganxun/domain';
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { classGroups, enrollments, people, regions, units } from '../../db/schema/index.js';
import { nameCondition } from '../nominations/query.js';

const personUnit = alias(units, 'person_unit');
const personRegion = alias(regions, 'person_region');

/** An enrollment as its view needs it: the person's masked mobile only (see presenter.ts). */
export interface EnrollmentRow {
  id: string;
  classId: string;
  nominationId: string | null;
  personId: string;
  personName: string;
  personGender: string;
  personPost: string | null;
  personRank: string | null;
  personUnitName: string;
  personRegionName: string | null;
  personRegionNameZhTw: string | null;
  mobileMasked: string | null;
  groupId: string | null;
  groupName: string | null;
  role: (typeof ENROLLMENT_ROLES)[number];
  arrivalAt: Date | null;
  arrivalTransport: (typeof TRANSPORT_MODES)[number] | null;
  arrivalNumber: string | null;
  returnTicketNeeded: boolean;
  accommodation: string | null;
  note: string | null;
  status: (typeof ENROLLMENT_STATUSES)[number];
  checkedInAt: Date | null;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
}

const columns = {
  id: enrollments.id,
  classId: enrollments.classId,
  nominationId: enrollments.nominationId,
  personId: enrollments.personId,
  personName: people.name,
  personGender: people.gender,
  personPost: people.post,
  personRank: people.rank,
  personUnitName: personUnit.name,
  personRegionName: personRegion.name,
  personRegionNameZhTw: personRegion.nameZhTw,
  mobileMasked: people.mobileMasked,
  groupId: enrollments.groupId,
  groupName: classGroups.name,
  role: enrollments.role,
  arrivalAt: enrollments.arrivalAt,
  arrivalTransport: enrollments.arrivalTransport,
  arrivalNumber: enrollments.arrivalNumber,
  returnTicketNeeded: enrollments.returnTicketNeeded,
  accommodation: enrollments.accommodation,
  note: enrollments.note,
  status: enrollments.status,
  checkedInAt: enrollments.checkedInAt,
  withdrawnAt: enrollments.withdrawnAt,
  withdrawReason: enrollments.withdrawReason,
};

function joined(exec: Executor) {
  return exec
    .select(columns)
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .innerJoin(personUnit, eq(personUnit.id, people.unitId))
    .leftJoin(personRegion, eq(personRegion.code, personUnit.regionCode))
    .leftJoin(classGroups, eq(classGroups.id, enrollments.groupId));
}

export async function enrollmentsByIds(exec: Executor, ids: string[]): Promise<EnrollmentRow[]> {
  if (ids.length === 0) return [];
  const rows = (await joined(exec).where(inArray(enrollments.id, ids))) as EnrollmentRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

const SORTS: Record<string, SQL> = {
  name: sql`${people.namePinyin}`,
  group: sql`coalesce(${classGroups.sortOrder}, 1000000)`,
  checkedInAt: sql`${enrollments.checkedInAt}`,
  createdAt: sql`${enrollments.createdAt}`,
};

export interface EnrollmentQuery {
  status?: 'enrolled' | 'withdrawn' | undefined;
  groupId?: string | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
  sort?: string | undefined;
}

/** One page of a class's enrollments; sorted by name (pinyin) unless told otherwise. */
export async function enrollmentPage(
  exec: Executor,
  classId: string,
  query: EnrollmentQuery,
): Promise<{ rows: EnrollmentRow[]; total: number }> {
  const where = and(
    eq(enrollments.classId, classId),
    query.status ? eq(enrollments.status, query.status) : undefined,
    query.groupId ? eq(enrollments.groupId, query.groupId) : undefined,
    nameCondition(query.q),
  );
  const key = query.sort?.replace(/^-/, '') ?? 'name';
  const column = SORTS[key] ?? SORTS.name;
  const direction = query.sort?.startsWith('-') ? desc : asc;
  const [rows, [total]] = await Promise.all([
    joined(exec)
      .where(where)
      .orderBy(direction(column as SQL), asc(people.namePinyin), asc(enrollments.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize) as Promise<EnrollmentRow[]>,
    exec
      .select({ n: count() })
      .from(enrollments)
      .innerJoin(people, eq(people.id, enrollments.personId))
      .where(where),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

/** The class's groups with their enrolled members and leader (drizzle leaves one table's columns unqualified, so the subqueries name it). */
export async function groupRows(exec: Executor, classId: string, groupId?: string) {
  return exec
    .select({
      id: classGroups.id,
      name: classGroups.name,
      sortOrder: classGroups.sortOrder,
      members: sql<number>`(select count(*)::int from enrollments e
        where e.group_id = class_groups.id and e.status = 'enrolled')`,
      leaderName: sql<string | null>`(select p.name from enrollments e join people p on p.id = e.person_id
        where e.group_id = class_groups.id and e.status = 'enrolled' and e.role = 'group_leader'
        order by e.updated_at desc limit 1)`,
    })
    .from(classGroups)
    .where(and(eq(classGroups.classId, classId), groupId ? eq(classGroups.id, groupId) : undefined))
    .orderBy(asc(classGroups.sortOrder), asc(classGroups.name));
}
