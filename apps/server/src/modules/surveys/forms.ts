import {
  DEFAULT_CLASS_TEMPLATE,
  DEFAULT_LECTURE_TEMPLATE,
  DEFAULT_MIN_RESPONSES,
  type SurveyQuestion,
  type SurveyTarget,
} from '@ganxun/domain';
import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  classes,
  classSessionLecturers,
  classSessions,
  classSurveySettings,
  enrollments,
  lecturers,
  surveyForms,
  surveyTemplates,
} from '../../db/schema/index.js';

/**
 * Forms are made, not created by hand: one for every lecture item (an item with a 主讲 speaker) and
 * one for the class, idempotently (the partial unique indexes on survey_forms and ON CONFLICT DO
 * NOTHING make concurrent calls safe). Items that lose their speaker get their form withdrawn
 * (answers kept, nobody expected); forms follow their item's title and time.
 */

export type FormRow = typeof surveyForms.$inferSelect;

const DAY_MS = 86_400_000;
const CLOSE_AFTER_DAYS = 7;

/** 00:00 China time of a day (`YYYY-MM-DD`). */
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

export interface ClassSettings {
  lectureTemplateId: string | null;
  classTemplateId: string | null;
  minResponses: number;
}

/** The class's survey settings (defaults when none stored). */
export async function classSettingsOf(db: Executor, classId: string): Promise<ClassSettings> {
  const [row] = await db.select().from(classSurveySettings).where(eq(classSurveySettings.classId, classId));
  return {
    lectureTemplateId: row?.lectureTemplateId ?? null,
    classTemplateId: row?.classTemplateId ?? null,
    minResponses: row?.minResponses ?? DEFAULT_MIN_RESPONSES,
  };
}

/** The questions a new form of `target` snapshots: the chosen template's, else the built-in default. */
export async function questionsFor(
  db: Executor,
  target: SurveyTarget,
  templateId: string | null,
): Promise<{ templateId: string | null; questions: SurveyQuestion[] }> {
  if (templateId) {
    const [row] = await db
      .select({ id: surveyTemplates.id, questions: surveyTemplates.questions })
      .from(surveyTemplates)
      .where(eq(surveyTemplates.id, templateId));
    if (row) return { templateId: row.id, questions: row.questions };
  }
  const builtin = target === 'lecture' ? DEFAULT_LECTURE_TEMPLATE : DEFAULT_CLASS_TEMPLATE;
  return { templateId: null, questions: structuredClone(builtin.questions) as unknown as SurveyQuestion[] };
}

export interface LectureItem {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  groupIds: string[] | null;
  speakers: { id: string; name: string }[];
}

/** The class's items with their speakers (in position order), in time order. */
export async function itemsOf(db: Executor, classId: string): Promise<LectureItem[]> {
  const sessions = await db
    .select({
      id: classSessions.id,
      title: classSessions.title,
      startsAt: classSessions.startsAt,
      endsAt: classSessions.endsAt,
      groupIds: classSessions.groupIds,
    })
    .from(classSessions)
    .where(eq(classSessions.classId, classId))
    .orderBy(asc(classSessions.startsAt), asc(classSessions.id));
  const speakers = await speakersOf(
    db,
    sessions.map((s) => s.id),
  );
  return sessions.map((s) => ({ ...s, speakers: speakers.get(s.id) ?? [] }));
}

/** The speakers (主讲) of items, by item id. */
export async function speakersOf(
  db: Executor,
  sessionIds: string[],
): Promise<Map<string, { id: string; name: string }[]>> {
  const out = new Map<string, { id: string; name: string }[]>();
  if (sessionIds.length === 0) return out;
  const rows = await db
    .select({
      sessionId: classSessionLecturers.sessionId,
      id: lecturers.id,
      name: lecturers.name,
    })
    .from(classSessionLecturers)
    .innerJoin(lecturers, eq(lecturers.id, classSessionLecturers.lecturerId))
    .where(
      and(inArray(classSessionLecturers.sessionId, sessionIds), eq(classSessionLecturers.role, 'speaker')),
    )
    .orderBy(asc(classSessionLecturers.position));
  for (const r of rows) {
    const list = out.get(r.sessionId) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.sessionId, list);
  }
  return out;
}

/** When forms of the class close: its end date + 7 days at 23:59:59 China time (or the last item's end + 7 days). */
export function closingTime(endDate: string | null, items: LectureItem[], fallback: Date): Date {
  if (endDate) return new Date(chinaMidnight(endDate).getTime() + (CLOSE_AFTER_DAYS + 1) * DAY_MS - 1000);
  const last = items.reduce<number | null>((a, i) => Math.max(a ?? 0, i.endsAt.getTime()), null);
  return new Date((last ?? fallback.getTime()) + CLOSE_AFTER_DAYS * DAY_MS);
}

/** When the class form opens: the first item's start, else the start date 00:00 China time. */
export function classOpening(startDate: string | null, items: LectureItem[], fallback: Date): Date {
  const first = items[0];
  if (first) return first.startsAt;
  return startDate ? chinaMidnight(startDate) : fallback;
}

const sameTime = (a: Date, b: Date) => a.getTime() === b.getTime();

/**
 * Makes sure the class's forms exist and match its timetable. Safe to call concurrently and on
 * every read of the forms.
 */
export async function ensureForms(db: Executor, classId: string): Promise<void> {
  const [cls] = await db
    .select({
      status: classes.status,
      startDate: classes.startDate,
      endDate: classes.endDate,
      createdAt: classes.createdAt,
    })
    .from(classes)
    .where(eq(classes.id, classId));
  if (!cls) return;
  const items = await itemsOf(db, classId);
  const existing = await db.select().from(surveyForms).where(eq(surveyForms.classId, classId));
  const cancelled = cls.status === 'cancelled';
  const closesAt = closingTime(cls.endDate, items, cls.createdAt);
  const bySession = new Map(existing.filter((f) => f.sessionId).map((f) => [f.sessionId as string, f]));
  const lectures = cancelled ? [] : items.filter((i) => i.speakers.length > 0);
  const settings = await classSettingsOf(db, classId);

  const missing = lectures.filter((i) => !bySession.has(i.id));
  if (missing.length > 0) {
    const snapshot = await questionsFor(db, 'lecture', settings.lectureTemplateId);
    await db
      .insert(surveyForms)
      .values(
        missing.map((i) => ({
          classId,
          sessionId: i.id,
          target: 'lecture' as const,
          title: i.title,
          templateId: snapshot.templateId,
          questions: snapshot.questions,
          opensAt: i.startsAt,
          closesAt,
        })),
      )
      .onConflictDoNothing();
  }
  const classForm = existing.find((f) => f.sessionId === null);
  if (!classForm && !cancelled) {
    const snapshot = await questionsFor(db, 'class', settings.classTemplateId);
    await db
      .insert(surveyForms)
      .values({
        classId,
        sessionId: null,
        target: 'class',
        title: DEFAULT_CLASS_TEMPLATE.name,
        templateId: snapshot.templateId,
        questions: snapshot.questions,
        opensAt: classOpening(cls.startDate, items, cls.createdAt),
        closesAt,
      })
      .onConflictDoNothing();
  }

  // Follow the timetable: withdraw forms of items gone speakerless (or of a cancelled class),
  // bring back those that regained one, and keep titles and windows in step.
  const lectureIds = new Map(lectures.map((i) => [i.id, i]));
  const now = new Date();
  for (const form of existing) {
    if (form.sessionId === null) {
      const opensAt = classOpening(cls.startDate, items, cls.createdAt);
      const withdraw = cancelled && !form.withdrawnAt;
      const revive = !cancelled && form.withdrawnAt;
      if (withdraw || revive || !sameTime(form.opensAt, opensAt) || !sameTime(form.closesAt, closesAt)) {
        await db
          .update(surveyForms)
          .set({ opensAt, closesAt, withdrawnAt: cancelled ? (form.withdrawnAt ?? now) : null })
          .where(eq(surveyForms.id, form.id));
      }
      continue;
    }
    const item = lectureIds.get(form.sessionId);
    if (!item) {
      if (!form.withdrawnAt)
        await db
          .update(surveyForms)
          .set({ withdrawnAt: now })
          .where(and(eq(surveyForms.id, form.id), isNull(surveyForms.withdrawnAt)));
      continue;
    }
    if (
      form.withdrawnAt ||
      form.title !== item.title ||
      !sameTime(form.opensAt, item.startsAt) ||
      !sameTime(form.closesAt, closesAt)
    ) {
      await db
        .update(surveyForms)
        .set({ title: item.title, opensAt: item.startsAt, closesAt, withdrawnAt: null })
        .where(and(eq(surveyForms.id, form.id), isNotNull(surveyForms.sessionId)));
    }
  }
}

/** The class's forms, lecture forms in item order, the class form last. */
export async function formsOf(db: Executor, classId: string): Promise<FormRow[]> {
  return db
    .select()
    .from(surveyForms)
    .where(eq(surveyForms.classId, classId))
    .orderBy(sql`${surveyForms.sessionId} is null`, asc(surveyForms.opensAt), asc(surveyForms.id));
}

/** A form by id, or undefined. */
export async function formById(db: Executor, id: string, forUpdate = false): Promise<FormRow | undefined> {
  const q = db.select().from(surveyForms).where(eq(surveyForms.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** The active enrolments of a class with their group. */
export async function activeEnrollments(
  db: Executor,
  classId: string,
): Promise<{ id: string; groupId: string | null }[]> {
  return db
    .select({ id: enrollments.id, groupId: enrollments.groupId })
    .from(enrollments)
    .where(and(eq(enrollments.classId, classId), eq(enrollments.status, 'enrolled')));
}

/** Is an enrolment expected at a form (the class form: everyone; a lecture form: the item's groups)? */
export function expectedAtForm(
  form: Pick<FormRow, 'sessionId' | 'withdrawnAt'>,
  groupIds: string[] | null | undefined,
  enrollment: { groupId: string | null },
): boolean {
  if (form.withdrawnAt) return false;
  if (form.sessionId === null) return true;
  if (!groupIds || groupIds.length === 0) return true;
  return enrollment.groupId !== null && groupIds.includes(enrollment.groupId);
}
