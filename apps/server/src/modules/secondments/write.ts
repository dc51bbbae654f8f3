import {
  type CategoryWarning,
  type CreateSecondmentBody,
  categoryWarnings,
  daysOverlap,
  overlappingTerm,
  regionPrefix,
  type SecondmentStatus,
} from '@ganxun/domain';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  dictionaryItems,
  partnerships,
  people,
  secondmentEvents,
  secondments,
  units,
} from '../../db/schema/index.js';
import { type AuditEntry, recordAudits } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import { loadPartnerships, type SideInfo, sidesOf } from '../partnerships/sides.js';

/**
 * Writing secondments, shared by the API (one at a time) and the xlsx import (a batch, all or
 * nothing). OWNER: the secondments helper. The import helper calls these two functions; their
 * signatures are fixed.
 */

/** A create body with the home unit resolved (the person's unit when the body left it out). */
export type SecondmentInput = CreateSecondmentBody & { homeUnitId: string };

export interface SecondmentCheck {
  /** Field problems (paths as in CreateSecondmentBody: `hostUnitId`, `plannedEnd`, `personId`, …). */
  problems: FieldProblem[];
  /** Category/specialty differences from the person's record: recorded, not refused. */
  warnings: CategoryWarning[];
}

export const SECONDMENT_FORM_LIST = 'secondment_form';

/** "2019-03-01 至 2020-08-31": the other term named in an overlap message. */
export const termLabel = (t: { start: string; end: string }) => `${t.start} ~ ${t.end}`;

/** Warnings as stored: the code and what the person's record says (`x`, a category or specialty code). */
export function storedWarnings(
  warnings: readonly CategoryWarning[],
  person: { category: string; specialty: string | null },
): { code: string; x?: string }[] {
  return warnings.map((code) => {
    const x = code === 'category_differs' ? person.category : person.specialty;
    return x ? { code, x } : { code };
  });
}

/** Is a unit on a side: inside the side's unit subtree, or else inside its region subtree? */
export function unitOnSide(
  unit: { regionCode: string; path: string },
  side: SideInfo,
  sideUnitPath: string | null,
): boolean {
  if (side.unitId) return !!sideUnitPath && unit.path.startsWith(sideUnitPath);
  return unit.regionCode.startsWith(regionPrefix(side.regionCode));
}

/** The person's other terms (not cancelled) that could overlap, optionally without one secondment. */
export async function otherTerms(exec: Executor, personId: string, excludeId?: string) {
  return exec
    .select({
      id: secondments.id,
      plannedStart: secondments.plannedStart,
      plannedEnd: secondments.plannedEnd,
      actualStart: secondments.actualStart,
      actualEnd: secondments.actualEnd,
      status: secondments.status,
    })
    .from(secondments)
    .where(
      and(
        eq(secondments.personId, personId),
        ne(secondments.status, 'cancelled'),
        excludeId ? ne(secondments.id, excludeId) : undefined,
      ),
    );
}

/** The overlap problem of a term against the person's stored terms, or null. */
export async function overlapProblem(
  exec: Executor,
  personId: string,
  term: { start: string; end: string },
  excludeId?: string,
): Promise<FieldProblem | null> {
  const other = overlappingTerm(term, await otherTerms(exec, personId, excludeId));
  if (!other) return null;
  const range = { start: other.actualStart ?? other.plannedStart, end: other.actualEnd ?? other.plannedEnd };
  return { path: 'personId', key: 'secondment_overlaps', x: termLabel(range) };
}

/**
 * The checks of `checkSecondment`, with `excludeId` (the secondment being edited, whose own term
 * does not count as an overlap).
 */
export async function checkSecondmentInput(
  exec: Executor,
  input: SecondmentInput,
  batch: readonly SecondmentInput[],
  excludeId?: string,
): Promise<SecondmentCheck> {
  const problems: FieldProblem[] = [];
  const warnings: CategoryWarning[] = [];

  if (input.plannedEnd < input.plannedStart) problems.push({ path: 'plannedEnd', key: 'end_before_start' });
  if (input.category === 'professional' && !input.specialty)
    problems.push({ path: 'specialty', key: 'specialty_required' });
  if (input.category === 'cadre' && input.specialty)
    problems.push({ path: 'specialty', key: 'specialty_not_for_cadre' });

  const [pairings, [person], unitRows, [formItem]] = await Promise.all([
    loadPartnerships(exec, [input.partnershipId]),
    exec
      .select({ id: people.id, category: people.category, specialty: people.specialty })
      .from(people)
      .where(eq(people.id, input.personId)),
    exec
      .select({ id: units.id, regionCode: units.regionCode, path: units.path, status: units.status })
      .from(units)
      .where(inArray(units.id, [...new Set([input.homeUnitId, input.hostUnitId])])),
    exec
      .select({ code: dictionaryItems.code })
      .from(dictionaryItems)
      .where(
        and(
          eq(dictionaryItems.dictionaryCode, SECONDMENT_FORM_LIST),
          eq(dictionaryItems.code, input.form),
          eq(dictionaryItems.active, true),
        ),
      ),
  ]);

  if (!formItem) problems.push({ path: 'form', key: 'unknown_code', x: input.form });

  const pairing = pairings.get(input.partnershipId);
  if (!pairing) problems.push({ path: 'partnershipId', key: 'partnership_not_found' });
  else if (pairing.status === 'ended') problems.push({ path: 'partnershipId', key: 'partnership_ended' });

  const unitById = new Map(unitRows.map((u) => [u.id, u]));
  const sides = pairing ? sidesOf(pairing, input.direction) : null;
  const pathOf = (side: SideInfo) =>
    pairing ? (side === pairing.sideA ? pairing.sideAUnitPath : pairing.sideBUnitPath) : null;
  for (const [field, id, which] of [
    ['homeUnitId', input.homeUnitId, 'sending'],
    ['hostUnitId', input.hostUnitId, 'receiving'],
  ] as const) {
    const unit = unitById.get(id);
    if (!unit) {
      problems.push({ path: field, key: 'secondment_unit_not_found' });
      continue;
    }
    if (unit.status !== 'active') {
      problems.push({ path: field, key: 'unit_merged' });
      continue;
    }
    if (!sides) continue;
    const side = sides[which];
    if (!unitOnSide(unit, side, pathOf(side)))
      problems.push({
        path: field,
        key: which === 'sending' ? 'home_outside_pairing' : 'host_outside_pairing',
        x: side.label,
      });
  }

  if (!person) problems.push({ path: 'personId', key: 'person_not_found' });
  else {
    warnings.push(
      ...categoryWarnings(
        { category: input.category, specialty: input.specialty ?? null },
        { category: person.category, specialty: person.specialty },
      ),
    );
    if (input.plannedEnd >= input.plannedStart) {
      const term = { start: input.plannedStart, end: input.plannedEnd };
      const stored = await overlapProblem(exec, input.personId, term, excludeId);
      if (stored) problems.push(stored);
      else {
        const twin = batch.find(
          (b) =>
            b !== input &&
            b.personId === input.personId &&
            b.plannedEnd >= b.plannedStart &&
            daysOverlap(term, { start: b.plannedStart, end: b.plannedEnd }),
        );
        if (twin)
          problems.push({
            path: 'personId',
            key: 'secondment_overlaps',
            x: termLabel({ start: twin.plannedStart, end: twin.plannedEnd }),
          });
      }
    }
  }
  return { problems, warnings };
}

/**
 * Checks one input against the database without writing: the pairing exists and is not ended,
 * the person and units exist, the home unit lies on the sending side and the host unit on the
 * receiving side (region subtree, or the side's unit subtree), the form is in the
 * `secondment_form` dictionary, and the term overlaps none of the person's other open terms —
 * nor any of `batch` (the other rows of an import; pass [] for one). Warnings compare category
 * and specialty with the person's record (`categoryWarnings`).
 */
export async function checkSecondment(
  exec: Executor,
  input: SecondmentInput,
  batch: readonly SecondmentInput[],
): Promise<SecondmentCheck> {
  return checkSecondmentInput(exec, input, batch);
}

/**
 * Inserts the inputs in `tx` (status planned, or as `initial` gives for imported history), each
 * after locking its person's row and re-checking overlap (409 `secondment_overlaps` on `personId`
 * if another request got there first), with their warnings, a `created` event each and one audit
 * record per secondment. Returns the new ids in input order. Throws AppError on any problem — the
 * caller's transaction then writes nothing.
 */
export async function insertSecondments(
  tx: Executor,
  ctx: RequestContext,
  inputs: readonly (SecondmentInput & {
    /** Imported history: actual dates and the status they imply (default: planned, no actual dates). */
    initial?: {
      status: 'planned' | 'in_post' | 'completed';
      actualStart: string | null;
      actualEnd: string | null;
    };
  })[],
): Promise<string[]> {
  if (inputs.length === 0) return [];
  // The pairing may not change its sides under a new term (partnerships/write.ts locks it FOR UPDATE).
  await tx
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(inArray(partnerships.id, [...new Set(inputs.map((i) => i.partnershipId))].sort()))
    .orderBy(partnerships.id)
    .for('share');
  // Lock the people in one order (no deadlock between two batches), then re-check under the lock:
  // a concurrent create for the same person waits here and then sees this one's term.
  const personIds = [...new Set(inputs.map((i) => i.personId))].sort();
  const locked = await tx
    .select({ id: people.id, category: people.category, specialty: people.specialty })
    .from(people)
    .where(inArray(people.id, personIds))
    .orderBy(people.id)
    .for('update');
  const personById = new Map(locked.map((p) => [p.id, p]));

  const actorId = ctx.actor?.id ?? null;
  const rows: (typeof secondments.$inferInsert)[] = [];
  const events: (typeof secondmentEvents.$inferInsert)[] = [];
  const audits: AuditEntry[] = [];
  const termsByPerson = new Map<string, { start: string; end: string }[]>();
  for (const input of inputs) {
    const person = personById.get(input.personId);
    if (!person) throw AppError.field('VALIDATION_FAILED', 'personId', 'person_not_found');
    const status: SecondmentStatus = input.initial?.status ?? 'planned';
    const actualStart = input.initial?.actualStart ?? null;
    const actualEnd = input.initial?.actualEnd ?? null;
    const term = { start: actualStart ?? input.plannedStart, end: actualEnd ?? input.plannedEnd };
    const stored = await overlapProblem(tx, input.personId, term);
    if (stored) throw new AppError('CONFLICT', { fields: [stored] });
    const earlier = termsByPerson.get(input.personId) ?? [];
    const twin = earlier.find((t) => daysOverlap(t, term));
    if (twin) throw AppError.field('CONFLICT', 'personId', 'secondment_overlaps', termLabel(twin));
    termsByPerson.set(input.personId, [...earlier, term]);

    const warnings = categoryWarnings(
      { category: input.category, specialty: input.specialty ?? null },
      { category: person.category, specialty: person.specialty },
    );
    const id = crypto.randomUUID();
    const now = new Date();
    rows.push({
      id,
      partnershipId: input.partnershipId,
      personId: input.personId,
      direction: input.direction,
      form: input.form,
      category: input.category,
      specialty: input.category === 'professional' ? (input.specialty ?? null) : null,
      homeUnitId: input.homeUnitId,
      homePost: input.homePost ?? null,
      hostUnitId: input.hostUnitId,
      hostPost: input.hostPost ?? null,
      fullTime: input.fullTime ?? true,
      plannedStart: input.plannedStart,
      plannedEnd: input.plannedEnd,
      actualStart,
      actualEnd,
      mentor: input.mentor ?? null,
      partyTransfer: input.partyTransfer ?? false,
      status,
      warnings: storedWarnings(warnings, person),
      note: input.note ?? null,
      createdBy: actorId,
      createdAt: now,
      updatedAt: now,
    });
    events.push({
      secondmentId: id,
      kind: 'created',
      date: input.plannedStart,
      detail: {
        direction: input.direction,
        plannedEnd: input.plannedEnd,
        ...(input.initial ? { imported: true, status } : {}),
        ...(warnings.length > 0 ? { warnings } : {}),
      },
      actorId,
      at: now,
    });
    // Imported history: the timeline shows when the term started and ended, as recorded.
    if (actualStart)
      events.push({
        secondmentId: id,
        kind: 'started',
        date: actualStart,
        detail: { imported: true },
        actorId,
        at: now,
      });
    if (actualEnd)
      events.push({
        secondmentId: id,
        kind: 'completed',
        date: actualEnd,
        detail: { imported: true },
        actorId,
        at: now,
      });
    audits.push({
      action: 'secondment.create',
      entityType: 'secondment',
      entityId: id,
      detail: {
        partnershipId: input.partnershipId,
        personId: input.personId,
        direction: input.direction,
        category: input.category,
        plannedStart: input.plannedStart,
        plannedEnd: input.plannedEnd,
        status,
        ...(warnings.length > 0 ? { warnings } : {}),
      },
    });
  }
  for (let i = 0; i < rows.length; i += 500) await tx.insert(secondments).values(rows.slice(i, i + 500));
  for (let i = 0; i < events.length; i += 500)
    await tx.insert(secondmentEvents).values(events.slice(i, i + 500));
  await recordAudits(tx, ctx, audits);
  return rows.map((r) => r.id as string);
}
