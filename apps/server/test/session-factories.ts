import type { Services } from '../src/app.js';
import type { Database } from '../src/db/client.js';
import {
  classGroups,
  classSessionLecturers,
  classSessions,
  enrollments,
  lecturers,
  timetables,
  venues,
} from '../src/db/schema/index.js';
import { ensureRegion, makePerson } from './directory-factories.js';

/**
 * Rows of the timetable inserted directly (lecturers, venues, groups, items, enrolments), for the
 * tests of modules that read timetables. The sessions tests write items through the API.
 */

let counter = 0;
const next = () => {
  counter += 1;
  return counter;
};

export interface LecturerOverrides {
  name?: string;
  kind?: 'internal' | 'external';
  title?: string | null;
  affiliation?: string | null;
  personId?: string | null;
  status?: 'active' | 'inactive';
}

/** A lecturer of the pool. */
export async function makeLecturer(database: Database, overrides: LecturerOverrides = {}) {
  const n = next();
  const [row] = await database.db
    .insert(lecturers)
    .values({
      kind: overrides.kind ?? 'external',
      name: overrides.name ?? `讲师${n}`,
      namePinyin: `jiangshi${n}`,
      nameInitials: 'js',
      title: overrides.title ?? '教授',
      affiliation: overrides.affiliation ?? '中央党校',
      personId: overrides.personId ?? null,
      status: overrides.status ?? 'active',
    })
    .returning();
  if (!row) throw new Error('lecturer not inserted');
  return row;
}

export interface VenueOverrides {
  name?: string;
  kind?: 'classroom' | 'field_site' | 'online_room';
  capacity?: number | null;
  cityCode?: string | null;
  status?: 'active' | 'inactive';
}

/** A venue owned by `ownerUnitId` (a classroom for 100 unless told otherwise). */
export async function makeVenue(database: Database, ownerUnitId: string, overrides: VenueOverrides = {}) {
  if (overrides.cityCode) await ensureRegion(database, overrides.cityCode);
  const [row] = await database.db
    .insert(venues)
    .values({
      kind: overrides.kind ?? 'classroom',
      name: overrides.name ?? `教室${next()}`,
      ownerUnitId,
      capacity: overrides.capacity === undefined ? 100 : overrides.capacity,
      cityCode: overrides.cityCode ?? null,
      status: overrides.status ?? 'active',
    })
    .returning();
  if (!row) throw new Error('venue not inserted');
  return row;
}

/** A group (小组) of a class. */
export async function makeGroup(database: Database, classId: string, name = `第${next()}组`) {
  const [row] = await database.db.insert(classGroups).values({ classId, name }).returning();
  if (!row) throw new Error('group not inserted');
  return row;
}

/** An enrolled trainee of a class (a person in `unitId`, linked to `userId` when given). */
export async function enrol(
  services: Services,
  database: Database,
  classId: string,
  unitId: string,
  options: { groupId?: string | null; userId?: string | null; birthDate?: string } = {},
) {
  const n = next();
  const person = await makePerson(services, database, unitId, {
    userId: options.userId ?? null,
    birthDate: options.birthDate ?? `19${70 + (n % 25)}-0${1 + (n % 9)}-1${n % 10}`,
  });
  const [row] = await database.db
    .insert(enrollments)
    .values({ classId, personId: person.id, groupId: options.groupId ?? null })
    .returning();
  if (!row) throw new Error('enrolment not inserted');
  return { person, enrollment: row };
}

export interface SessionOverrides {
  type?: string;
  title?: string;
  /** ISO with offset, e.g. `2030-03-10T09:00:00+08:00`. */
  startsAt?: string;
  endsAt?: string;
  venueId?: string | null;
  location?: string | null;
  lecturers?: { lecturerId: string; role?: 'speaker' | 'host' | 'commentator' }[];
  groupIds?: string[] | null;
  hours?: number | null;
}

/** A timetable item inserted directly (no checks), 09:00–11:00 China time on 2030-03-10 by default. */
export async function makeSession(database: Database, classId: string, overrides: SessionOverrides = {}) {
  const [row] = await database.db
    .insert(classSessions)
    .values({
      classId,
      type: overrides.type ?? 'lecture',
      title: overrides.title ?? `专题讲座${next()}`,
      startsAt: new Date(overrides.startsAt ?? '2030-03-10T09:00:00+08:00'),
      endsAt: new Date(overrides.endsAt ?? '2030-03-10T11:00:00+08:00'),
      venueId: overrides.venueId ?? null,
      location: overrides.location ?? null,
      groupIds: overrides.groupIds ?? null,
      hours: overrides.hours ?? null,
    })
    .returning();
  if (!row) throw new Error('session not inserted');
  const list = overrides.lecturers ?? [];
  if (list.length) {
    await database.db.insert(classSessionLecturers).values(
      list.map((l, position) => ({
        sessionId: row.id,
        lecturerId: l.lecturerId,
        role: l.role ?? 'speaker',
        position,
      })),
    );
  }
  return row;
}

/** Marks a class's timetable published (as POST …/timetable/publish would, without its checks). */
export async function markPublished(database: Database, classId: string) {
  await database.db
    .insert(timetables)
    .values({ classId, status: 'published', publishedVersion: 1, publishedAt: new Date() })
    .onConflictDoUpdate({
      target: timetables.classId,
      set: { status: 'published', publishedVersion: 1, publishedAt: new Date() },
    });
}
