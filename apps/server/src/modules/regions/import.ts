import path from 'node:path';
import {
  levelOfCode,
  parentCandidates,
  type RegionImportMode,
  type RegionImportResult,
  type RegionLevel,
} from '@ganxun/domain';
import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { REGION_LOCK } from '../../db/region-seed.js';
import { regions } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { fieldMessage } from '../../platform/i18n.js';
import { type RegionFileRow, type RegionRowProblem, readRegionFile } from './file.js';
import { zhTwNamer } from './names.js';
import { shanghaiToday } from './validity.js';

/**
 * Updating the regions table from an official list. Codes in the file are added or renamed; with
 * `mode=full` the file is the whole list, so current codes missing from it are abolished on the
 * list's date. A file with any bad row changes nothing.
 */

export interface ImportOptions {
  mode: RegionImportMode;
  dryRun: boolean;
  /** The list's effective date; today when absent. */
  date: string | null;
}

export interface ExistingRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface RegionWrite {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  validFrom: string | null;
}

export interface ImportPlan {
  writes: RegionWrite[];
  abolish: string[];
  counts: { added: number; renamed: number; abolished: number; unchanged: number };
  problems: RegionRowProblem[];
}

/**
 * What a file changes (pure). A code listed again after being abolished is reinstated and counted
 * as added. In full mode a grouping row that the file leaves out (110100 市辖区, 429000 省直辖县级
 * 行政区划 — official lists omit some) stays current while a listed code still hangs under it.
 */
export function planImport(
  rows: RegionFileRow[],
  existing: Map<string, ExistingRegion>,
  options: { mode: RegionImportMode; date: string | null; codeColumn: string },
): ImportPlan {
  const listed = new Set(rows.map((r) => r.code));
  const known = (code: string) => listed.has(code) || existing.has(code);
  const plan: ImportPlan = {
    writes: [],
    abolish: [],
    counts: { added: 0, renamed: 0, abolished: 0, unchanged: 0 },
    problems: [],
  };
  const parentOf = new Map<string, string | null>();
  for (const row of [...rows].sort((a, b) => a.code.localeCompare(b.code))) {
    const before = existing.get(row.code);
    if (!before) {
      const level = levelOfCode(row.code);
      const parentCode = parentCandidates(row.code).find(known) ?? null;
      if (level !== 'province' && !parentCode) {
        plan.problems.push({
          row: row.row,
          column: options.codeColumn,
          field: 'code',
          key: 'region_parent_missing',
          x: parentCandidates(row.code)[0],
        });
        continue;
      }
      parentOf.set(row.code, parentCode);
      plan.writes.push({
        code: row.code,
        name: row.name,
        level,
        parentCode,
        validFrom: row.validFrom ?? options.date,
      });
      plan.counts.added += 1;
      continue;
    }
    parentOf.set(row.code, before.parentCode);
    if (before.name !== row.name || before.validTo !== null) {
      plan.writes.push({ ...before, name: row.name });
      if (before.name !== row.name) plan.counts.renamed += 1;
      else plan.counts.added += 1;
    } else plan.counts.unchanged += 1;
  }
  if (options.mode === 'full') {
    const holding = new Set<string>();
    for (const code of listed) {
      let up = parentOf.get(code) ?? null;
      for (let depth = 0; up && depth < 4; depth++) {
        holding.add(up);
        up = existing.get(up)?.parentCode ?? parentOf.get(up) ?? null;
      }
    }
    for (const region of existing.values()) {
      if (region.validTo !== null || listed.has(region.code) || holding.has(region.code)) continue;
      if (region.level === 'township') continue;
      plan.abolish.push(region.code);
    }
    plan.counts.abolished = plan.abolish.length;
  }
  return plan;
}

const CHUNK = 500;
/** Row problems listed in one answer; the count says how many there were in all. */
const MAX_REPORTED = 200;

/** `file:<base name>` for the rows a file writes; never taken for the seed's own source. */
export function fileSource(fileName: string): string {
  const base = path.basename(fileName.replaceAll('\\', '/')).replace(/\p{Cc}/gu, '');
  return `file:${base.slice(0, 120) || 'upload'}`;
}

/** Reads, plans and (unless a dry run) applies a region list in one transaction. */
export async function importRegions(
  db: Db,
  ctx: RequestContext,
  file: { name: string; buffer: Buffer },
  options: ImportOptions,
): Promise<RegionImportResult> {
  const parsed = await readRegionFile(file.buffer);
  const date = options.date ?? shanghaiToday();
  const source = fileSource(file.name);
  const zhTw = await zhTwNamer();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REGION_LOCK})`);
    const rows = await tx
      .select({
        code: regions.code,
        name: regions.name,
        level: regions.level,
        parentCode: regions.parentCode,
        validFrom: regions.validFrom,
        validTo: regions.validTo,
      })
      .from(regions);
    const plan = planImport(parsed.rows, new Map(rows.map((r) => [r.code, r])), {
      mode: options.mode,
      date: options.date,
      codeColumn: parsed.columns.code,
    });
    const problems = [...parsed.problems, ...plan.problems].sort((a, b) => a.row - b.row);
    if (problems.length > 0) throw rowErrors(problems, ctx);
    const result = { ...plan.counts, errors: [] };
    if (options.dryRun) return result;

    for (let i = 0; i < plan.writes.length; i += CHUNK) {
      const values = plan.writes
        .slice(i, i + CHUNK)
        .map((w) => ({ ...w, nameZhTw: zhTw(w.name), validTo: null, source }));
      await tx
        .insert(regions)
        .values(values)
        .onConflictDoUpdate({
          target: regions.code,
          set: {
            name: sql`excluded.name`,
            nameZhTw: sql`excluded.name_zh_tw`,
            validTo: null,
            source,
            updatedAt: sql`now()`,
          },
        });
    }
    for (let i = 0; i < plan.abolish.length; i += CHUNK) {
      await tx
        .update(regions)
        .set({ validTo: date, source, updatedAt: sql`now()` })
        .where(inArray(regions.code, plan.abolish.slice(i, i + CHUNK)));
    }
    const listedCodes = (list: string[]) => list.slice(0, MAX_REPORTED);
    await recordAudit(tx, ctx, {
      action: 'region.import',
      entityType: 'region',
      detail: {
        fileName: file.name.slice(0, 200),
        mode: options.mode,
        date,
        rows: parsed.rows.length,
        ...plan.counts,
        written: listedCodes(plan.writes.map((w) => w.code)),
        abolishedCodes: listedCodes(plan.abolish),
      },
    });
    return result;
  });
}

/** 400 with every row problem located: `fields` by `rows.<row>.<field>`, and the contract's `{row, column, message}`. */
function rowErrors(problems: RegionRowProblem[], ctx: RequestContext): AppError {
  const shown = problems.slice(0, MAX_REPORTED);
  return new AppError('VALIDATION_FAILED', {
    fields: shown.map((p) => ({ path: `rows.${p.row}.${p.field}`, key: p.key, x: p.x })),
    details: {
      total: problems.length,
      errors: shown.map((p) => ({
        row: p.row,
        column: p.column,
        message: fieldMessage(p.key, ctx.locale, p.x),
      })),
    },
  });
}
