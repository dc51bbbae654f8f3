import {
  type ClassStatus,
  type CreateClassBody,
  EDITABLE_CLASS_STATUSES,
  publishProblems,
  SEAT_HOLDING_STATUSES,
  type UpdateClassBody,
} from '@ganxun/domain';
import { and, count, eq, inArray, sum } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { classEvents, classes, classQuotas, nominations } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { shanghaiToday } from '../regions/validity.js';
import { classYear, nextClassCode } from './codes.js';
import { mayOrganise } from './policy.js';
import { checkReferences } from './references.js';
import type { ClassRecord, ClassRow } from './service.js';

/** Where a new class comes from, beside its fields (a plan item, or the class it copies). */
export interface ClassOrigin {
  planItemId?: string | null;
  clonedFrom?: string | null;
}

/** A body value as the row stores it (the deadline as a time). */
function stored<K extends keyof CreateClassBody>(key: K, value: CreateClassBody[K]): unknown {
  if (key === 'nominationDeadline') return value === null ? null : new Date(value as string);
  return value;
}

/** A row value as the audit trail and change detection compare it (times as ISO strings). */
function comparable(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

/** JSON with object keys sorted: jsonb gives budget lines back with its own key order. */
function sameValue(a: unknown, b: unknown): boolean {
  const stable = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(stable)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([k, x]) => [k, stable(x)]),
          )
        : v;
  return JSON.stringify(stable(comparable(a))) === JSON.stringify(stable(comparable(b)));
}

/** The deadline as publishProblems reads it: its day in China. */
function deadlineDay(deadline: Date | null): string | null {
  return deadline ? shanghaiToday(deadline) : null;
}

/**
 * Checks a new class's references and that the actor may organise it (the lead organiser within
 * their reach; 403, audited, otherwise). Runs before the transaction that inserts it.
 */
export async function prepareCreate(
  exec: Executor,
  ctx: RequestContext,
  body: CreateClassBody,
): Promise<void> {
  const actor = requireActor(ctx.actor);
  const { problems, units } = await checkReferences(exec, body);
  const lead = units.get(body.leadOrganiserId);
  if (lead) authorize(mayOrganise(actor, lead), 'class.create', { type: 'unit', id: lead.id });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
}

/**
 * Inserts a draft class with the next code of its year, its 'created' (or 'cloned') event and the
 * audit event, on `tx`. The caller has run prepareCreate.
 */
export async function insertClass(
  tx: Tx,
  ctx: RequestContext,
  body: CreateClassBody,
  origin: ClassOrigin = {},
): Promise<ClassRow> {
  const year = classYear(body.startDate);
  const code = await nextClassCode(tx, year);
  const values = Object.fromEntries(
    Object.entries(body).map(([k, v]) => [k, stored(k as keyof CreateClassBody, v as never)]),
  ) as Omit<typeof classes.$inferInsert, 'code' | 'year'>;
  const [row] = await tx
    .insert(classes)
    .values({
      ...values,
      code,
      year,
      status: 'draft',
      planItemId: origin.planItemId ?? null,
      clonedFrom: origin.clonedFrom ?? null,
      createdBy: ctx.actor?.id ?? null,
    })
    .returning();
  if (!row) throw new Error('class not inserted');
  await tx.insert(classEvents).values({
    classId: row.id,
    actorId: ctx.actor?.id ?? null,
    kind: origin.clonedFrom ? 'cloned' : 'created',
    toStatus: 'draft',
    detail: { code, ...origin },
  });
  await recordAudit(tx, ctx, {
    action: origin.clonedFrom ? 'class.clone' : 'class.create',
    entityType: 'class',
    entityId: row.id,
    changes: { code, ...body },
    detail: origin.clonedFrom || origin.planItemId ? { ...origin } : null,
  });
  return row;
}

/** Seats held by nominations, and seats allocated to quotas, of a class. */
async function seatsInUse(tx: Executor, classId: string): Promise<{ taken: number; allocated: number }> {
  const [[taken], [allocated]] = [
    await tx
      .select({ n: count() })
      .from(nominations)
      .where(and(eq(nominations.classId, classId), inArray(nominations.status, [...SEAT_HOLDING_STATUSES]))),
    await tx
      .select({ n: sum(classQuotas.seats) })
      .from(classQuotas)
      .where(eq(classQuotas.classId, classId)),
  ];
  return { taken: Number(taken?.n ?? 0), allocated: Number(allocated?.n ?? 0) };
}

/**
 * Edits a class while it is still editable (EDITABLE_CLASS_STATUSES; 409 `class_not_editable`
 * otherwise). Only the fields that change are checked and written: their references, a new lead
 * organiser within the actor's reach, the capacity against the seats taken and allocated, and —
 * once published — everything publishing needs. Records an 'updated' event naming the fields.
 */
export async function updateClass(
  tx: Tx,
  ctx: RequestContext,
  record: ClassRecord,
  body: UpdateClassBody,
): Promise<ClassRow> {
  const actor = requireActor(ctx.actor);
  const status = record.status as ClassStatus;
  if (!EDITABLE_CLASS_STATUSES.includes(status))
    throw AppError.field('CONFLICT', 'status', 'class_not_editable');

  const changed = (Object.keys(body) as (keyof UpdateClassBody)[]).filter(
    (k) => !sameValue(stored(k, body[k] as never), record[k as keyof ClassRow]),
  );
  if (changed.length === 0) return record;
  const patch = Object.fromEntries(changed.map((k) => [k, stored(k, body[k] as never)])) as Partial<ClassRow>;
  const next = { ...record, ...patch };

  const refs = Object.fromEntries(
    changed
      .filter((k) =>
        [
          'kind',
          'leadOrganiserId',
          'coOrganiserIds',
          'hostInstitutionId',
          'cityCode',
          'directorId',
          'assistantIds',
        ].includes(k),
      )
      .map((k) => [k, body[k]]),
  );
  const { problems, units } = await checkReferences(tx, refs);
  if (changed.includes('leadOrganiserId')) {
    const lead = units.get(next.leadOrganiserId);
    if (lead) authorize(mayOrganise(actor, lead), 'class.edit', { type: 'class', id: record.id });
  }
  if (next.startDate && next.endDate && next.endDate < next.startDate)
    problems.push({ path: 'endDate', key: 'end_before_start' });
  if (changed.includes('capacity')) {
    const { taken, allocated } = await seatsInUse(tx, record.id);
    const floor = Math.max(taken, allocated);
    if (floor > 0 && (next.capacity === null || next.capacity < floor))
      problems.push({ path: 'capacity', key: 'capacity_below_allocated', x: floor });
  }
  if (status !== 'draft') {
    const missing = publishProblems({ ...next, nominationDeadline: deadlineDay(next.nominationDeadline) });
    for (const path of missing) {
      if (!problems.some((p) => p.path === path)) problems.push({ path, key: 'required_to_publish' });
    }
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });

  const [row] = await tx
    .update(classes)
    .set({
      ...patch,
      // A class is filed under its start year (its code keeps the year it was created with).
      ...(changed.includes('startDate') && next.startDate ? { year: classYear(next.startDate) } : {}),
      updatedAt: new Date(),
    })
    .where(eq(classes.id, record.id))
    .returning();
  if (!row) throw AppError.notFound();
  await tx.insert(classEvents).values({
    classId: record.id,
    actorId: actor.id,
    kind: 'updated',
    detail: { fields: changed },
  });
  await recordAudit(tx, ctx, {
    action: 'class.update',
    entityType: 'class',
    entityId: record.id,
    changes: Object.fromEntries(
      changed.map((k) => [
        k,
        [comparable(record[k as keyof ClassRow]) ?? null, comparable(patch[k as keyof ClassRow]) ?? null],
      ]),
    ),
  });
  return row;
}
