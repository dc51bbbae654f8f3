import type {
  ConflictView,
  MessageLocale,
  SessionSnapshot,
  TemplateItem,
  TemplateView,
  TimetableChangeView,
} from '@ganxun/domain';
import { inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  classGroups,
  lecturers,
  type timetableChanges,
  type timetableTemplates,
} from '../../db/schema/index.js';
import { CONFLICT_SENTENCES } from '../../platform/messages/sessions.js';
import { type CheckedItem, chinaSpan, type Finding, type Judgement } from './conflicts.js';

/** Views of findings, change-log rows and templates. */

function fill(template: string, values: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

const sentence = (key: string, locale: MessageLocale, values: Record<string, unknown> = {}) =>
  fill(CONFLICT_SENTENCES[key]?.[locale] ?? key, values);

/** Names of lecturers by id (for messages and the change log). */
export async function lecturerNames(exec: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await exec
    .select({ id: lecturers.id, name: lecturers.name })
    .from(lecturers)
    .where(inArray(lecturers.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The other item of a finding named for a message: 本班「title」, or the other class's code and name. */
export function otherLabel(j: Judgement, id: string | undefined, locale: MessageLocale): string {
  if (!id) return '';
  const ext = j.external.get(id);
  if (ext) return `${ext.classCode} ${ext.className}`;
  const own = j.own.get(id);
  return sentence('same_class_item', locale, { title: own?.title ?? '' });
}

/** Findings as the API shows them, each with a sentence in the reader's language. */
export async function presentFindings(
  exec: Executor,
  j: Judgement,
  findings: readonly Finding[],
  locale: MessageLocale,
): Promise<ConflictView[]> {
  if (findings.length === 0) return [];
  const names = await lecturerNames(
    exec,
    findings.map((f) => f.lecturerId).filter((l): l is string => !!l),
  );
  const groupIds = [...new Set(findings.map((f) => f.groupId).filter((g): g is string => !!g))];
  const groups = groupIds.length
    ? await exec
        .select({ id: classGroups.id, name: classGroups.name })
        .from(classGroups)
        .where(inArray(classGroups.id, groupIds))
    : [];
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const unknown = sentence('unknown_name', locale);
  return findings.map((f) => {
    const other: CheckedItem | undefined = f.otherItemId
      ? (j.external.get(f.otherItemId) ?? j.own.get(f.otherItemId))
      : undefined;
    const ext = f.otherItemId ? j.external.get(f.otherItemId) : undefined;
    const venue = f.venueId ? j.venues.get(f.venueId) : undefined;
    const lecturer = f.lecturerId ? (names.get(f.lecturerId) ?? unknown) : '';
    const values = {
      lecturer,
      venue: venue?.name ?? unknown,
      other: otherLabel(j, f.otherItemId, locale),
      time: other ? chinaSpan(other) : '',
      have: f.have ?? '',
      need: f.need ?? '',
      dates: j.classDates ? `${j.classDates.startDate} – ${j.classDates.endDate}` : '',
      group: f.groupId
        ? sentence('group_named', locale, { name: groupName.get(f.groupId) ?? unknown })
        : sentence('whole_class', locale),
    };
    return {
      key: f.key,
      kind: f.kind,
      severity: f.severity,
      sessionId: f.itemId,
      otherSessionId: f.otherItemId ?? null,
      otherClass: ext ? { id: ext.classId, code: ext.classCode, name: ext.className } : null,
      otherTitle: other?.title ?? null,
      otherStartsAt: other ? new Date(other.start).toISOString() : null,
      otherEndsAt: other ? new Date(other.end).toISOString() : null,
      lecturer: f.lecturerId ? { id: f.lecturerId, name: lecturer } : null,
      venue: f.venueId ? { id: f.venueId, name: venue?.name ?? unknown } : null,
      groupId: f.groupId ?? null,
      have: f.have ?? null,
      need: f.need ?? null,
      message: sentence(f.kind, locale, values),
    };
  });
}

type ChangeRow = typeof timetableChanges.$inferSelect;

/** A change-log row, with the writer's and the affected lecturers' names. */
export function presentChange(
  row: ChangeRow,
  names: { users: Map<string, string>; lecturers: Map<string, string> },
): TimetableChangeView {
  return {
    id: row.id,
    kind: row.kind,
    sessionId: row.sessionId,
    before: (row.before as SessionSnapshot | null) ?? null,
    after: (row.after as SessionSnapshot | null) ?? null,
    afterPublication: row.afterPublication,
    affectedTrainees: row.affectedTrainees,
    affectedLecturers: row.affectedLecturerIds.map((id) => names.lecturers.get(id) ?? id),
    acknowledged: row.acknowledged,
    note: row.note,
    changedBy: row.changedBy ? (names.users.get(row.changedBy) ?? null) : null,
    changedAt: row.changedAt.toISOString(),
  };
}

type TemplateRow = typeof timetableTemplates.$inferSelect;

export function presentTemplate(row: TemplateRow, createdBy: string | null): TemplateView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    days: row.days,
    items: row.items as TemplateItem[],
    createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
