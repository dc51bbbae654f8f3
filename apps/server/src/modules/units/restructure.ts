import { and, eq, inArray, like, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { people, units } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { UnitRow } from './service.js';

/**
 * Changes to the shape of the unit tree. Both take one lock, so two concurrent moves cannot build
 * a cycle (A under B while B goes under A), and re-read the units inside it. A subtree's paths are
 * rewritten by one UPDATE on the path prefix, which also keeps every scope check right at once: a
 * liaison of the old parent stops seeing the moved subtree in the same commit.
 */
const TREE_LOCK = 0x4758554e;

/** Takes the unit-tree lock for the rest of the transaction (imports that add units take it too). */
export async function lockUnitTree(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${TREE_LOCK})`);
}

async function fresh(tx: Tx, id: string): Promise<UnitRow> {
  const [row] = await tx.select().from(units).where(eq(units.id, id));
  if (!row) throw AppError.notFound();
  return row;
}

/**
 * Replaces the path prefix `from` by `to` for every unit under `from` (and the unit itself unless
 * `below` is set), re-pointing `parent_id` from `oldParent` to `newParent` where given.
 */
async function rewriteSubtree(
  tx: Tx,
  from: string,
  to: string,
  reparent: { where: 'id' | 'parentId'; match: string; newParent: string | null },
  below = false,
): Promise<number> {
  const matchColumn = reparent.where === 'id' ? units.id : units.parentId;
  const moved = await tx
    .update(units)
    .set({
      path: sql`${to} || substr(${units.path}, ${from.length + 1})`,
      parentId: sql`case when ${matchColumn} = ${reparent.match} then ${reparent.newParent}::uuid else ${units.parentId} end`,
      updatedAt: new Date(),
    })
    .where(and(like(units.path, `${from}%`), below ? ne(units.path, from) : undefined))
    .returning({ id: units.id });
  return moved.length;
}

type SiblingCheck = (tx: Tx, unit: { id: string; name: string; parentId: string | null }) => Promise<void>;

/** Moves `unit` under `parent` (null: top level). Refuses cycles and merged units. */
export async function moveUnit(
  db: Db,
  ctx: RequestContext,
  unit: UnitRow,
  parent: UnitRow | null,
  assertNameFree: SiblingCheck,
): Promise<UnitRow> {
  return db.transaction(async (tx) => {
    await lockUnitTree(tx);
    const self = await fresh(tx, unit.id);
    const target = parent ? await fresh(tx, parent.id) : null;
    if (self.status !== 'active') throw AppError.field('CONFLICT', 'id', 'unit_merged');
    if (target && target.status !== 'active')
      throw AppError.field('VALIDATION_FAILED', 'parentId', 'unit_merged');
    if (target?.path.includes(`/${self.id}/`))
      throw AppError.field('VALIDATION_FAILED', 'parentId', 'move_cycle');
    if ((target?.id ?? null) === self.parentId) return self;
    await assertNameFree(tx, { id: self.id, name: self.name, parentId: target?.id ?? null });
    const newPath = `${target?.path ?? '/'}${self.id}/`;
    const size = await rewriteSubtree(tx, self.path, newPath, {
      where: 'id',
      match: self.id,
      newParent: target?.id ?? null,
    });
    await recordAudit(tx, ctx, {
      action: 'unit.move',
      entityType: 'unit',
      entityId: self.id,
      changes: { parentId: [self.parentId, target?.id ?? null] },
      detail: { subtreeSize: size },
    });
    return fresh(tx, self.id);
  });
}

/**
 * Merges `source` into `target` in one transaction: its people and child units (with their
 * subtrees) move to the target, units merged earlier into the source now point at the target, and
 * the source stays as a `merged` record so that history keeps resolving.
 */
export async function mergeUnits(
  db: Db,
  ctx: RequestContext,
  source: UnitRow,
  target: UnitRow,
): Promise<UnitRow> {
  return db.transaction(async (tx) => {
    await lockUnitTree(tx);
    const from = await fresh(tx, source.id);
    const into = await fresh(tx, target.id);
    if (from.id === into.id) throw AppError.field('VALIDATION_FAILED', 'targetId', 'merge_self');
    if (from.status !== 'active') throw AppError.field('CONFLICT', 'id', 'unit_merged');
    if (into.status !== 'active') throw AppError.field('VALIDATION_FAILED', 'targetId', 'unit_merged');
    if (into.path.includes(`/${from.id}/`))
      throw AppError.field('VALIDATION_FAILED', 'targetId', 'merge_into_descendant');

    const children = await tx
      .select({ name: units.name })
      .from(units)
      .where(and(eq(units.parentId, from.id), eq(units.status, 'active')));
    if (children.length > 0) {
      const clashes = await tx
        .select({ name: units.name })
        .from(units)
        .where(
          and(
            eq(units.parentId, into.id),
            eq(units.status, 'active'),
            inArray(
              units.name,
              children.map((c) => c.name),
            ),
          ),
        );
      if (clashes.length > 0) {
        const names = clashes.map((c) => c.name).join('、');
        throw AppError.field('CONFLICT', 'targetId', 'merge_name_clash', names);
      }
    }
    const movedPeople = await tx
      .update(people)
      .set({ unitId: into.id, updatedAt: new Date() })
      .where(eq(people.unitId, from.id))
      .returning({ id: people.id });
    const descendants = await rewriteSubtree(
      tx,
      from.path,
      into.path,
      { where: 'parentId', match: from.id, newParent: into.id },
      true,
    );
    await tx.update(units).set({ mergedInto: into.id }).where(eq(units.mergedInto, from.id));
    const [merged] = await tx
      .update(units)
      .set({ status: 'merged', mergedInto: into.id, updatedAt: new Date() })
      .where(eq(units.id, from.id))
      .returning();
    if (!merged) throw AppError.notFound();
    await recordAudit(tx, ctx, {
      action: 'unit.merge',
      entityType: 'unit',
      entityId: from.id,
      changes: { status: ['active', 'merged'], mergedInto: [null, into.id] },
      detail: {
        targetId: into.id,
        targetName: into.name,
        people: movedPeople.length,
        children: children.length,
        descendants,
      },
    });
    return merged;
  });
}
