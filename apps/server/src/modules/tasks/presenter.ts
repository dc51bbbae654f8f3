import {
  isOverdue,
  type TaskDue,
  type TaskStatus,
  type TaskTemplateView,
  type TaskView,
} from '@ganxun/domain';
import type { classTasks, taskTemplates } from '../../db/schema/index.js';

export type TaskRow = typeof classTasks.$inferSelect;
export type TemplateRow = typeof taskTemplates.$inferSelect;

/** How a row stores a due day, back as the contract's `TaskDue`. */
export function dueOf(
  row: Pick<TaskRow, 'dueKind' | 'dueAnchor' | 'dueOffsetDays' | 'dueDate'>,
): TaskDue | null {
  if (row.dueKind === 'date' && row.dueDate) return { kind: 'date', date: row.dueDate };
  if (row.dueKind === 'relative' && row.dueOffsetDays !== null) {
    return { kind: 'relative', anchor: row.dueAnchor ?? 'start', offsetDays: row.dueOffsetDays };
  }
  return null;
}

/** The columns a `TaskDue` is stored in (the resolved day is given separately). */
export function dueColumns(due: TaskDue | null) {
  if (!due) return { dueKind: null, dueAnchor: null, dueOffsetDays: null };
  if (due.kind === 'date') return { dueKind: 'date' as const, dueAnchor: null, dueOffsetDays: null };
  return { dueKind: 'relative' as const, dueAnchor: due.anchor, dueOffsetDays: due.offsetDays };
}

/** A task row with its owner's and finisher's names, as the API shows it on `today` (China day). */
export function presentTask(
  row: TaskRow,
  names: { ownerName: string | null; doneByName: string | null },
  today: string,
): TaskView {
  const status = row.status as TaskStatus;
  return {
    id: row.id,
    classId: row.classId,
    title: row.title,
    ownerId: row.ownerId,
    ownerName: names.ownerName,
    role: row.role,
    due: dueOf(row),
    dueDate: row.dueDate,
    status,
    notes: row.notes,
    overdue: isOverdue({ status, dueDate: row.dueDate }, today),
    doneAt: row.doneAt?.toISOString() ?? null,
    doneByName: names.doneByName,
    templateId: row.templateId,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentTemplate(row: TemplateRow, canEdit: boolean): TaskTemplateView {
  return {
    id: row.id,
    name: row.name,
    classKinds: row.classKinds,
    items: row.items,
    archived: row.archived,
    canEdit,
    updatedAt: row.updatedAt.toISOString(),
  };
}
