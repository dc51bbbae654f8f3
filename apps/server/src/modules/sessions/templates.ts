import { type CreateTemplateBody, chinaDay, type TemplateItem, type TemplateView } from '@ganxun/domain';
import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { classSessionLecturers, classSessions, timetableTemplates, users } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { presentTemplate } from './presenter.js';

/**
 * Timetable templates: a class's items by day number and China time of day, to lay on any class
 * (copy.ts). The same form carries a class's timetable when another class copies it.
 */

const DAY = 86_400_000;
const hm = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16);
const dayNumber = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/**
 * A class's items as template items: day 0 is the class's first day (or its first item's, if
 * earlier or without dates). An item running past midnight is cut at 24:00 (a template keeps days).
 */
export async function templateItemsOf(
  exec: Executor,
  classId: string,
  startDate: string | null,
): Promise<TemplateItem[]> {
  const rows = await exec
    .select()
    .from(classSessions)
    .where(eq(classSessions.classId, classId))
    .orderBy(asc(classSessions.startsAt), asc(classSessions.id));
  if (rows.length === 0) return [];
  const links = await exec
    .select()
    .from(classSessionLecturers)
    .where(
      inArray(
        classSessionLecturers.sessionId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(classSessionLecturers.position));
  const firstItemDay = chinaDay(rows[0]?.startsAt.getTime() ?? 0);
  const first = startDate && startDate < firstItemDay ? startDate : firstItemDay;
  return rows.map((r) => {
    const start = r.startsAt.getTime();
    const end = r.endsAt.getTime();
    return {
      day: Math.min(365, dayNumber(first, chinaDay(start))),
      start: hm(start),
      end: chinaDay(end) !== chinaDay(start) ? '24:00' : hm(end),
      type: r.type,
      title: r.title,
      venueId: r.venueId,
      location: r.location,
      lecturers: links
        .filter((l) => l.sessionId === r.id)
        .map((l) => ({ lecturerId: l.lecturerId, role: l.role })),
      attendanceRequired: r.attendanceRequired,
      hours: r.hours === null ? null : Number(r.hours),
      description: r.description,
    };
  });
}

/** The instants of a template item laid on a class whose day 0 is `firstDay`. */
export function layItem(item: Pick<TemplateItem, 'day' | 'start' | 'end'>, firstDay: string) {
  const day = Date.parse(`${firstDay}T00:00:00+08:00`) + item.day * DAY;
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return {
    startsAt: new Date(day + minutes(item.start) * 60_000),
    endsAt: new Date(day + minutes(item.end) * 60_000),
  };
}

/** Saves a class's timetable as a template (409 `timetable_empty` when it has no items), audited. */
export async function createTemplate(
  tx: Tx,
  ctx: RequestContext,
  body: CreateTemplateBody,
  startDate: string | null,
): Promise<TemplateView> {
  const items = await templateItemsOf(tx, body.fromClassId, startDate);
  if (items.length === 0) throw AppError.field('CONFLICT', 'fromClassId', 'timetable_empty');
  const [row] = await tx
    .insert(timetableTemplates)
    .values({
      name: body.name,
      description: body.description,
      days: Math.max(...items.map((i) => i.day)) + 1,
      items,
      createdBy: ctx.actor?.id ?? null,
    })
    .returning();
  if (!row) throw new Error('template not inserted');
  await recordAudit(tx, ctx, {
    action: 'timetable.template.create',
    entityType: 'timetable_template',
    entityId: row.id,
    changes: { name: body.name, items: items.length },
    detail: { fromClassId: body.fromClassId },
  });
  return presentTemplate(row, ctx.actor?.displayName ?? null);
}

/** Every template, newest first. */
export async function listTemplates(exec: Executor): Promise<TemplateView[]> {
  const rows = await exec
    .select({ template: timetableTemplates, createdBy: users.displayName })
    .from(timetableTemplates)
    .leftJoin(users, eq(users.id, timetableTemplates.createdBy))
    .orderBy(desc(timetableTemplates.createdAt), desc(timetableTemplates.id))
    .limit(500);
  return rows.map((r) => presentTemplate(r.template, r.createdBy));
}

/** One template's items; 400 `template_unknown` when there is none. */
export async function templateItems(exec: Executor, id: string): Promise<TemplateItem[]> {
  const [row] = await exec
    .select({ items: timetableTemplates.items })
    .from(timetableTemplates)
    .where(eq(timetableTemplates.id, id));
  if (!row) throw AppError.field('VALIDATION_FAILED', 'templateId', 'template_unknown');
  return row.items as TemplateItem[];
}
