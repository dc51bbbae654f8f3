import { type MessageLocale, type SessionView, sessionHours, type TrainingSettings } from '@ganxun/domain';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  classGroups,
  classSessionLecturers,
  classSessions,
  dictionaryItems,
  lecturers,
  sessionMaterials,
  storedFiles,
  timetables,
  venues,
} from '../../db/schema/index.js';

/**
 * Reading timetable items: the one place that turns rows into `SessionView`s, used by the editor's
 * endpoints, the personal schedules, the exports and the feeds alike.
 */

export type SessionRow = typeof classSessions.$inferSelect;
export type TimetableRow = typeof timetables.$inferSelect;

export const SESSION_TYPE_LIST = 'session_type';

/** The 学时 rule of the training settings. */
export type HourRule = Pick<TrainingSettings, 'minutesPerStudyHour' | 'studyHourStep'>;

/** 学时 credited for an item: set by hand, or derived from its length. */
export function creditedHours(
  row: Pick<SessionRow, 'hours' | 'startsAt' | 'endsAt'>,
  rule: HourRule,
): number {
  if (row.hours !== null) return Number(row.hours);
  return sessionHours(
    { start: row.startsAt.getTime(), end: row.endsAt.getTime() },
    { minutesPerHour: rule.minutesPerStudyHour, step: rule.studyHourStep },
  );
}

const label = (locale: MessageLocale, l: { labelZhCn: string; labelZhTw: string; labelEn: string }) =>
  locale === 'zh-TW' ? l.labelZhTw : locale === 'en' ? l.labelEn : l.labelZhCn;

/** Rows → views, with a fixed number of grouped queries whatever the number of rows. */
export async function presentSessions(
  db: Executor,
  rows: readonly SessionRow[],
  locale: MessageLocale,
  rule: HourRule,
): Promise<SessionView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const venueIds = [...new Set(rows.map((r) => r.venueId).filter((v): v is string => !!v))];
  const groupIds = [...new Set(rows.flatMap((r) => r.groupIds ?? []))];
  const [lecturerRows, venueRows, groupRows, typeRows, materialRows] = await Promise.all([
    db
      .select({
        sessionId: classSessionLecturers.sessionId,
        lecturerId: classSessionLecturers.lecturerId,
        role: classSessionLecturers.role,
        name: lecturers.name,
        title: lecturers.title,
        affiliation: lecturers.affiliation,
      })
      .from(classSessionLecturers)
      .innerJoin(lecturers, eq(lecturers.id, classSessionLecturers.lecturerId))
      .where(inArray(classSessionLecturers.sessionId, ids))
      .orderBy(asc(classSessionLecturers.position)),
    venueIds.length
      ? db
          .select({
            id: venues.id,
            name: venues.name,
            kind: venues.kind,
            capacity: venues.capacity,
            cityCode: venues.cityCode,
            address: venues.address,
            liveUrl: venues.liveUrl,
          })
          .from(venues)
          .where(inArray(venues.id, venueIds))
      : Promise.resolve([]),
    groupIds.length
      ? db
          .select({ id: classGroups.id, name: classGroups.name })
          .from(classGroups)
          .where(inArray(classGroups.id, groupIds))
      : Promise.resolve([]),
    db
      .select({
        code: dictionaryItems.code,
        labelZhCn: dictionaryItems.labelZhCn,
        labelZhTw: dictionaryItems.labelZhTw,
        labelEn: dictionaryItems.labelEn,
      })
      .from(dictionaryItems)
      .where(eq(dictionaryItems.dictionaryCode, SESSION_TYPE_LIST)),
    db
      .select({
        sessionId: sessionMaterials.sessionId,
        id: storedFiles.id,
        name: storedFiles.name,
        mime: storedFiles.mime,
        size: storedFiles.size,
        createdAt: storedFiles.createdAt,
      })
      .from(sessionMaterials)
      .innerJoin(storedFiles, eq(storedFiles.id, sessionMaterials.fileId))
      .where(inArray(sessionMaterials.sessionId, ids))
      .orderBy(asc(sessionMaterials.position), asc(storedFiles.createdAt)),
  ]);
  const venueOf = new Map(venueRows.map((v) => [v.id, v]));
  const groupName = new Map(groupRows.map((g) => [g.id, g.name]));
  const typeName = new Map(typeRows.map((t) => [t.code, label(locale, t)]));
  const lecturersOf = groupBy(lecturerRows, (l) => l.sessionId);
  const materialsOf = groupBy(materialRows, (m) => m.sessionId);
  return rows.map((row) => ({
    id: row.id,
    classId: row.classId,
    type: row.type,
    typeName: typeName.get(row.type) ?? null,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    venue: row.venueId ? (venueOf.get(row.venueId) ?? null) : null,
    location: row.location,
    lecturers: (lecturersOf.get(row.id) ?? []).map((l) => ({
      lecturerId: l.lecturerId,
      name: l.name,
      title: l.title,
      affiliation: l.affiliation,
      role: l.role,
    })),
    groupIds: row.groupIds,
    groupNames: (row.groupIds ?? []).map((g) => groupName.get(g) ?? ''),
    attendanceRequired: row.attendanceRequired,
    hours: creditedHours(row, rule),
    hoursSet: row.hours !== null,
    description: row.description,
    materials: (materialsOf.get(row.id) ?? []).map((m) => ({
      id: m.id,
      name: m.name,
      mime: m.mime,
      size: m.size,
      uploadedAt: m.createdAt.toISOString(),
    })),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

/** The items matching `where` (e.g. one class's), in time order, as views. */
export async function loadSessions(
  db: Executor,
  where: SQL | undefined,
  locale: MessageLocale,
  rule: HourRule,
): Promise<SessionView[]> {
  const rows = await db
    .select()
    .from(classSessions)
    .where(where)
    .orderBy(
      asc(classSessions.startsAt),
      asc(classSessions.endsAt),
      asc(classSessions.title),
      asc(classSessions.id),
    );
  return presentSessions(db, rows, locale, rule);
}

/** A class's publication state (draft until first published). */
export async function timetableState(db: Executor, classId: string): Promise<TimetableRow> {
  const [row] = await db.select().from(timetables).where(eq(timetables.classId, classId));
  return (
    row ?? {
      classId,
      status: 'draft',
      publishedVersion: 0,
      publishedAt: null,
      publishedBy: null,
      acknowledged: [],
      updatedAt: new Date(0),
    }
  );
}

/** Is the class's timetable published (visible to trainees and lecturers)? */
export async function isPublished(db: Executor, classId: string): Promise<boolean> {
  const [row] = await db
    .select({ classId: timetables.classId })
    .from(timetables)
    .where(and(eq(timetables.classId, classId), eq(timetables.status, 'published')));
  return !!row;
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
