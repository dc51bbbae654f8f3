import { randomUUID } from 'node:crypto';
import { type CreatePersonBody, createPersonBody, diffFields, maskIdNumber } from '@ganxun/domain';
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { importJobs, importRows, units } from '../../db/schema/index.js';
import { type AuditEntry, recordAudits } from '../../platform/audit.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { can } from '../people/policy.js';
import { personColumns, personDiff } from '../people/record.js';
import { reaches, unitScope } from '../units/policy.js';
import { lockUnitTree } from '../units/restructure.js';
import { upsertPeople } from './bulk.js';
import type { PlannedUnit } from './resolve.js';
import { loadExisting, mergeInput, type RowPayload } from './validate.js';

/**
 * The commit of a validated import, inside one transaction: planned units created, people upserted
 * by ID-number hash in batches, one audit event per changed record and one for the import. Every
 * rule is checked again against the database as it is now (another import or an editor may have
 * changed it since the preview); anything wrong throws ImportFailure, and the transaction rolls back.
 */

export type ImportJobRow = typeof importJobs.$inferSelect;

/** Why a commit could not be done, as a message key of the imports messages and its row. */
export class ImportFailure extends Error {
  constructor(
    readonly key: string,
    readonly x?: unknown,
  ) {
    super(key);
  }
}

export interface CommitCounts {
  create: number;
  update: number;
  unchanged: number;
  unitsCreated: number;
}

/** Serialises import commits across processes, so two overlapping files cannot interleave. */
const COMMIT_LOCK = 0x67786931;
const BATCH = 500;

interface Change {
  rowNo: number;
  keyHash: string;
  input: CreatePersonBody;
  /** Null for a person new to the directory. */
  diff: Record<string, { from: unknown; to: unknown }> | null;
}

export async function commitImport(
  tx: Tx,
  cipher: FieldCipher,
  ctx: RequestContext,
  actor: Actor,
  job: ImportJobRow,
): Promise<CommitCounts> {
  await tx.execute(sql`select pg_advisory_xact_lock(${COMMIT_LOCK})`);
  const audits: AuditEntry[] = [];
  const detail = { importId: job.id };
  const planned = (job.options.plannedUnits as PlannedUnit[] | undefined) ?? [];
  // New units take their parent's path: hold the tree still while they are added (units/restructure).
  if (planned.length > 0) await lockUnitTree(tx);
  const { made, created: unitsCreated } = await createUnits(tx, actor, planned, audits, detail);

  const stored = await tx
    .select({ rowNo: importRows.rowNo, payload: importRows.payload, keyHash: importRows.keyHash })
    .from(importRows)
    .where(and(eq(importRows.jobId, job.id), ne(importRows.outcome, 'error')))
    .orderBy(asc(importRows.rowNo));
  const rows = stored.map((r) => ({
    rowNo: r.rowNo,
    keyHash: r.keyHash as string,
    payload: JSON.parse(cipher.decrypt(r.payload as string)) as RowPayload,
  }));
  await checkUnits(tx, actor, rows);
  const existing = await loadExisting(
    tx,
    rows.map((r) => r.keyHash),
    true,
  );

  const changes: Change[] = [];
  let unchanged = 0;
  for (const r of rows) {
    const unit = r.payload.unit;
    const unitId = unit && 'id' in unit ? unit.id : unit ? made.get(unit.pending) : undefined;
    if (!unitId) throw new ImportFailure('unit_changed', r.rowNo);
    const found = existing.get(r.keyHash);
    if (found && !can(actor, 'import', { userId: found.row.userId, unit: found.unit }))
      throw new ImportFailure('commit_person_out_of_scope', r.rowNo);
    const parsed = createPersonBody.safeParse(
      mergeInput(cipher, r.payload.values, found?.row ?? null, unitId),
    );
    if (!parsed.success) throw new ImportFailure('row_changed', r.rowNo);
    const diff = found ? personDiff(cipher, found.row, parsed.data) : null;
    if (diff && Object.keys(diff).length === 0) unchanged += 1;
    else changes.push({ rowNo: r.rowNo, keyHash: r.keyHash, input: parsed.data, diff });
  }

  const reach = unitScope(actor, 'person.import');
  const now = new Date();
  let created = 0;
  for (let i = 0; i < changes.length; i += BATCH) {
    const chunk = changes.slice(i, i + BATCH);
    // Someone created meanwhile outside the importer's reach is not overwritten (and fails below).
    const returned = await upsertPeople(
      tx,
      chunk.map((c) => personColumns(cipher, c.input)),
      reach,
    );
    const byHash = new Map(returned.map((r) => [r.idNumberHash, r]));
    for (const c of chunk) {
      const r = byHash.get(c.keyHash);
      if (!r) throw new ImportFailure('commit_person_out_of_scope', c.rowNo);
      if (r.inserted) created += 1;
      audits.push(
        r.inserted
          ? {
              action: 'person.create',
              entityType: 'person',
              entityId: r.id,
              changes: creation(c.input),
              detail,
            }
          : {
              action: 'person.update',
              entityType: 'person',
              entityId: r.id,
              changes: c.diff
                ? Object.fromEntries(Object.entries(c.diff).map(([k, v]) => [k, [v.from, v.to]]))
                : null,
              // Created by someone else between this commit's look-up and its write.
              detail: c.diff ? detail : { ...detail, concurrent: true },
            },
      );
    }
  }
  const counts: CommitCounts = {
    create: created,
    update: changes.length - created,
    unchanged,
    unitsCreated,
  };
  audits.push({
    action: 'import.commit',
    entityType: 'import',
    entityId: job.id,
    detail: { fileName: job.fileName, ...counts },
  });
  await recordAudits(tx, ctx, audits);
  await tx
    .update(importJobs)
    .set({
      status: 'committed',
      committedAt: now,
      updatedAt: now,
      summary: { create: counts.create, update: counts.update, unchanged: counts.unchanged, error: 0 },
    })
    .where(eq(importJobs.id, job.id));
  return counts;
}

/** A new person's fields for the audit trail (ID and mobile numbers redacted by recordAudit). */
function creation(input: CreatePersonBody): Record<string, unknown> {
  const { requirementOverride: _, ...rest } = input;
  return diffFields({}, { ...rest, idNumber: maskIdNumber(input.idNumber) });
}

/** Creates the planned units, parents first; a unit someone created meanwhile is used as it is. */
async function createUnits(
  tx: Tx,
  actor: Actor,
  planned: PlannedUnit[],
  audits: AuditEntry[],
  detail: Record<string, unknown>,
): Promise<{ made: Map<string, string>; created: number }> {
  const made = new Map<string, string>();
  let created = 0;
  const paths = new Map<string, string>();
  for (const u of planned) {
    let parentId: string | null = null;
    let parentPath = '/';
    if (u.parentId) {
      const [p] = await tx
        .select({ id: units.id, path: units.path, regionCode: units.regionCode })
        .from(units)
        .where(and(eq(units.id, u.parentId), eq(units.status, 'active')));
      if (!p || !reaches(actor, 'person.import', p)) throw new ImportFailure('unit_changed_named', u.name);
      parentId = p.id;
      parentPath = p.path;
    } else if (u.parentKey) {
      parentId = made.get(u.parentKey) ?? null;
      parentPath = paths.get(u.parentKey) ?? '/';
    }
    const id = randomUUID();
    const path = `${parentPath}${id}/`;
    if (!reaches(actor, 'person.import', { path, regionCode: u.regionCode }))
      throw new ImportFailure('unit_changed_named', u.name);
    const [row] = await tx
      .insert(units)
      .values({ id, name: u.name, type: u.type, regionCode: u.regionCode, parentId, path })
      .onConflictDoNothing()
      .returning({ id: units.id, path: units.path });
    if (row) {
      audits.push({
        action: 'unit.create',
        entityType: 'unit',
        entityId: row.id,
        changes: diffFields({}, { name: u.name, type: u.type, regionCode: u.regionCode, parentId }),
        detail,
      });
      made.set(u.key, row.id);
      paths.set(u.key, row.path);
      created += 1;
      continue;
    }
    const [other] = await tx
      .select({ id: units.id, path: units.path })
      .from(units)
      .where(
        and(
          eq(units.status, 'active'),
          eq(units.name, u.name),
          parentId ? eq(units.parentId, parentId) : isNull(units.parentId),
        ),
      );
    if (!other) throw new ImportFailure('unit_changed_named', u.name);
    made.set(u.key, other.id);
    paths.set(u.key, other.path);
  }
  return { made, created };
}

/** The existing units rows name must still be active and within the importer's reach. */
async function checkUnits(
  tx: Tx,
  actor: Actor,
  rows: { rowNo: number; payload: RowPayload }[],
): Promise<void> {
  const ids = [
    ...new Set(rows.flatMap((r) => (r.payload.unit && 'id' in r.payload.unit ? [r.payload.unit.id] : []))),
  ];
  const live = new Map<string, { path: string; regionCode: string }>();
  for (let i = 0; i < ids.length; i += 1000) {
    const found = await tx
      .select({ id: units.id, path: units.path, regionCode: units.regionCode })
      .from(units)
      .where(and(inArray(units.id, ids.slice(i, i + 1000)), eq(units.status, 'active')));
    for (const u of found) live.set(u.id, u);
  }
  for (const r of rows) {
    const unit = r.payload.unit;
    if (!unit || !('id' in unit)) continue;
    const place = live.get(unit.id);
    if (!place || !reaches(actor, 'person.import', place)) throw new ImportFailure('unit_changed', r.rowNo);
  }
}
