import {
  type CreatePartnershipBody,
  type PartnershipSideInput,
  regionPrefix,
  type UpdatePartnershipBody,
} from '@ganxun/domain';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { dictionaryItems, partnerships, regions, secondments, units } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import { reachesPartnership } from './policy.js';

export type PartnershipRow = typeof partnerships.$inferSelect;

/** The programme dictionary (东西部协作, 对口支援, 省内结对, …; configurable). */
export const PROGRAMME_LIST = 'partnership_programme';

type SideKey = 'sideA' | 'sideB';

const sideOf = (row: PartnershipRow, key: SideKey): PartnershipSideInput =>
  key === 'sideA'
    ? { regionCode: row.sideARegionCode, unitId: row.sideAUnitId }
    : { regionCode: row.sideBRegionCode, unitId: row.sideBUnitId };

const sameSide = (a: PartnershipSideInput, b: PartnershipSideInput) =>
  a.regionCode === b.regionCode && (a.unitId ?? null) === (b.unitId ?? null);

/** Is `code` an active item of the programme dictionary? Runs on `tx` (PGlite has one connection). */
async function programmeProblems(tx: Tx, code: string): Promise<FieldProblem[]> {
  const [item] = await tx
    .select({ code: dictionaryItems.code })
    .from(dictionaryItems)
    .where(
      and(
        eq(dictionaryItems.dictionaryCode, PROGRAMME_LIST),
        eq(dictionaryItems.code, code),
        eq(dictionaryItems.active, true),
      ),
    );
  return item ? [] : [{ path: 'programme', key: 'unknown_code', x: code }];
}

/**
 * The sides' regions exist (abolished ones too: a pairing may predate a reorganisation, as 江干区
 * does), and a side's unit lies in its side's region subtree.
 */
async function sideProblems(tx: Tx, sides: [SideKey, PartnershipSideInput][]): Promise<FieldProblem[]> {
  if (sides.length === 0) return [];
  const problems: FieldProblem[] = [];
  const codes = [...new Set(sides.map(([, s]) => s.regionCode))];
  const found = new Set(
    (await tx.select({ code: regions.code }).from(regions).where(inArray(regions.code, codes))).map(
      (r) => r.code,
    ),
  );
  const unitIds = sides.flatMap(([, s]) => (s.unitId ? [s.unitId] : []));
  const unitRows = unitIds.length
    ? await tx
        .select({ id: units.id, regionCode: units.regionCode, status: units.status })
        .from(units)
        .where(inArray(units.id, unitIds))
    : [];
  const unitMap = new Map(unitRows.map((u) => [u.id, u]));
  for (const [key, side] of sides) {
    if (!found.has(side.regionCode)) problems.push({ path: `${key}.regionCode`, key: 'region_not_found' });
    if (!side.unitId) continue;
    const unit = unitMap.get(side.unitId);
    if (!unit) problems.push({ path: `${key}.unitId`, key: 'unit_not_found' });
    else if (unit.status !== 'active') problems.push({ path: `${key}.unitId`, key: 'unit_merged' });
    else if (!unit.regionCode.startsWith(regionPrefix(side.regionCode)))
      problems.push({ path: `${key}.unitId`, key: 'unit_outside_region' });
  }
  return problems;
}

const fail = (problems: FieldProblem[]) => {
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
};

/**
 * Creates a pairing: the actor must reach side A or B for partnership.edit (403, audited,
 * otherwise), the programme is an active dictionary item, the sides exist and each unit lies in its
 * side's region. Audited in the same transaction.
 */
export async function insertPartnership(
  tx: Tx,
  ctx: RequestContext,
  body: CreatePartnershipBody,
): Promise<PartnershipRow> {
  const actor = requireActor(ctx.actor);
  authorize(
    reachesPartnership(actor, 'partnership.edit', {
      sideARegionCode: body.sideA.regionCode,
      sideBRegionCode: body.sideB.regionCode,
    }),
    'partnership.create',
    { type: 'partnership' },
  );
  fail([
    ...(await programmeProblems(tx, body.programme)),
    ...(await sideProblems(tx, [
      ['sideA', body.sideA],
      ['sideB', body.sideB],
    ])),
  ]);
  const [row] = await tx
    .insert(partnerships)
    .values({
      name: body.name,
      programme: body.programme,
      sideARegionCode: body.sideA.regionCode,
      sideAUnitId: body.sideA.unitId,
      sideBRegionCode: body.sideB.regionCode,
      sideBUnitId: body.sideB.unitId,
      startYear: body.startYear,
      endYear: body.endYear,
      status: body.status,
      contacts: body.contacts,
      note: body.note,
      createdBy: actor.id,
    })
    .returning();
  if (!row) throw new Error('partnership not inserted');
  await recordAudit(tx, ctx, {
    action: 'partnership.create',
    entityType: 'partnership',
    entityId: row.id,
    changes: { ...body },
  });
  return row;
}

/** JSON with sorted keys, to tell whether a field changed (jsonb reorders object keys). */
function stable(v: unknown): string {
  const norm = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(norm)
      : x && typeof x === 'object'
        ? Object.fromEntries(
            Object.entries(x)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, y]) => [k, norm(y)]),
          )
        : x;
  return JSON.stringify(norm(v) ?? null);
}

/**
 * Edits a pairing (the row locked by the caller): years and sides re-checked against the stored
 * row, a changed side must still be reached by the actor (403) and may not change once the
 * pairing has secondments (409 `sides_locked`). Only the fields that change are written and audited.
 */
export async function updatePartnership(
  tx: Tx,
  ctx: RequestContext,
  row: PartnershipRow,
  body: UpdatePartnershipBody,
): Promise<PartnershipRow> {
  const actor = requireActor(ctx.actor);
  const stored = {
    name: row.name,
    programme: row.programme,
    sideA: sideOf(row, 'sideA'),
    sideB: sideOf(row, 'sideB'),
    startYear: row.startYear,
    endYear: row.endYear,
    status: row.status,
    contacts: row.contacts,
    note: row.note,
  };
  type Key = keyof typeof stored;
  const changed = (Object.keys(body) as Key[]).filter(
    (k) => body[k] !== undefined && stable(body[k]) !== stable(stored[k]),
  );
  if (changed.length === 0) return row;
  const next = { ...stored, ...Object.fromEntries(changed.map((k) => [k, body[k]])) } as typeof stored;
  const sidesChanged = changed.filter((k): k is SideKey => k === 'sideA' || k === 'sideB');

  if (sidesChanged.length > 0) {
    authorize(
      reachesPartnership(actor, 'partnership.edit', {
        sideARegionCode: next.sideA.regionCode,
        sideBRegionCode: next.sideB.regionCode,
      }),
      'partnership.update',
      { type: 'partnership', id: row.id },
    );
    const [used] = await tx
      .select({ n: count() })
      .from(secondments)
      .where(eq(secondments.partnershipId, row.id));
    if (Number(used?.n ?? 0) > 0)
      throw new AppError('CONFLICT', {
        fields: sidesChanged.map((k) => ({ path: k, key: 'sides_locked' })),
      });
  }
  const problems: FieldProblem[] = [
    ...(changed.includes('programme') ? await programmeProblems(tx, next.programme) : []),
    ...(await sideProblems(
      tx,
      sidesChanged.map((k) => [k, next[k]]),
    )),
  ];
  if (next.endYear !== null && next.endYear < next.startYear)
    problems.push({ path: 'endYear', key: 'end_before_start' });
  if (sameSide(next.sideA, next.sideB) && !problems.some((p) => p.path === 'sideB.regionCode'))
    problems.push({ path: 'sideB.regionCode', key: 'same_sides' });
  fail(problems);

  const [updated] = await tx
    .update(partnerships)
    .set({
      ...(changed.includes('name') ? { name: next.name } : {}),
      ...(changed.includes('programme') ? { programme: next.programme } : {}),
      ...(changed.includes('sideA')
        ? { sideARegionCode: next.sideA.regionCode, sideAUnitId: next.sideA.unitId ?? null }
        : {}),
      ...(changed.includes('sideB')
        ? { sideBRegionCode: next.sideB.regionCode, sideBUnitId: next.sideB.unitId ?? null }
        : {}),
      ...(changed.includes('startYear') ? { startYear: next.startYear } : {}),
      ...(changed.includes('endYear') ? { endYear: next.endYear } : {}),
      ...(changed.includes('status') ? { status: next.status } : {}),
      ...(changed.includes('contacts') ? { contacts: next.contacts } : {}),
      ...(changed.includes('note') ? { note: next.note } : {}),
      updatedAt: new Date(),
    })
    .where(eq(partnerships.id, row.id))
    .returning();
  if (!updated) throw AppError.notFound();
  await recordAudit(tx, ctx, {
    action: 'partnership.update',
    entityType: 'partnership',
    entityId: row.id,
    changes: Object.fromEntries(changed.map((k) => [k, [stored[k] ?? null, next[k] ?? null]])),
  });
  return updated;
}
