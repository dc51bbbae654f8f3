import {
  checkPerson,
  createPersonBody,
  type HeaderMatch,
  type ImportOutcome,
  type ImportRowError,
  type MessageLocale,
  maskIdNumber,
  normalizeIdNumber,
  PERSON_IMPORT_COLUMNS,
  PERSON_IMPORT_FIELDS,
  type PersonImportField,
  parseIdNumber,
} from '@ganxun/domain';
import { eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import { type importRows, people, units } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { fieldErrorsFromIssues, fieldMessage } from '../../platform/i18n.js';
import { can } from '../people/policy.js';
import { idNumberHash, type PersonRow, personDiff } from '../people/record.js';
import { cellText, type SheetRow } from './parse.js';
import type { RegionDirectory, UnitDirectory, UnitRef } from './resolve.js';
import { type CellProblem, convertCell, type Dictionaries, type ProvidedValues } from './values.js';

/**
 * Row validation: each row's cells become a person's fields, its unit is found (or planned), the
 * person already on file with that ID number is found, and the whole is checked with the same
 * contract as the API (createPersonBody). The outcome — create, update, unchanged or error with
 * located messages — is stored per row for the preview and the commit.
 */

/** What an import row keeps, encrypted (it carries personal information). */
export interface RowPayload {
  /** The fields the row gives, normalised; an empty cell gives nothing (the stored value stays). */
  values: ProvidedValues;
  unit: UnitRef | null;
  display: { name: string | null; idNumber: string | null; unitName: string | null };
  /** An error row's cells as the file shows them, for the errors report. */
  cells?: string[];
}

export type ImportRowInsert = typeof importRows.$inferInsert;

/** Stands for a unit the commit will create, so the contract can check the rest of the row. */
export const PLANNED_UNIT_ID = '00000000-0000-4000-8000-000000000000';

export interface Existing {
  row: PersonRow;
  unit: { path: string; regionCode: string; name: string };
}

/** People on file with these ID-number hashes, with their unit's place (for the scope check). */
export async function loadExisting(
  exec: Executor,
  hashes: string[],
  lock = false,
): Promise<Map<string, Existing>> {
  const out = new Map<string, Existing>();
  for (let i = 0; i < hashes.length; i += 1000) {
    const query = exec
      .select({ row: people, path: units.path, regionCode: units.regionCode, unitName: units.name })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(inArray(people.idNumberHash, hashes.slice(i, i + 1000)));
    const rows = lock ? await query.for('update', { of: people }) : await query;
    for (const r of rows)
      out.set(r.row.idNumberHash, {
        row: r.row,
        unit: { path: r.path, regionCode: r.regionCode, name: r.unitName },
      });
  }
  return out;
}

/**
 * The record a row asks for: the stored person (if any) with the row's values over it, gender and
 * birth date taken from the ID number when the row leaves them out, a year-month birth date (出生年月)
 * completed from it. Checked by createPersonBody afterwards.
 */
export function mergeInput(
  cipher: FieldCipher,
  values: ProvidedValues,
  existing: PersonRow | null,
  unitId: string,
): Record<string, unknown> {
  const base: Record<string, unknown> = existing
    ? {
        name: existing.name,
        gender: existing.gender,
        ethnicity: existing.ethnicity,
        birthDate: existing.birthDate,
        idNumber: cipher.decrypt(existing.idNumberEnc),
        mobile: existing.mobileEnc ? cipher.decrypt(existing.mobileEnc) : null,
        politicalStatus: existing.politicalStatus,
        education: existing.education,
        post: existing.post,
        rank: existing.rank,
        category: existing.category,
        specialty: existing.specialty,
        status: existing.status,
        requirementOverride: existing.requirementOverride,
      }
    : {};
  const input: Record<string, unknown> = { ...base, ...values, unitId };
  // A row that makes someone a cadre without a specialty column drops the old specialty.
  if (values.category && values.category !== 'professional' && values.specialty === undefined)
    input.specialty = null;
  const id = typeof input.idNumber === 'string' ? parseIdNumber(input.idNumber) : null;
  const partial = typeof input.birthDate === 'string' && /^\d{4}-\d{2}$/.test(input.birthDate);
  if (id?.ok) {
    if (input.gender === undefined) input.gender = id.info.gender;
    if (input.birthDate === undefined) input.birthDate = id.info.birthDate;
    else if (partial)
      input.birthDate = id.info.birthDate.startsWith(input.birthDate as string)
        ? id.info.birthDate
        : `${input.birthDate}-01`;
  } else if (partial) {
    input.birthDate = `${input.birthDate}-01`;
  }
  return input;
}

/**
 * The contract's cross-field rules (ID number, its agreement with birth date and gender, mobile,
 * specialty), which zod skips while another field is invalid: a row should list all its errors.
 */
function crossChecks(input: Record<string, unknown>): z.core.$ZodIssue[] {
  const issues: z.core.$ZodIssue[] = [];
  const ctx = {
    addIssue: (issue: { path?: PropertyKey[]; message?: string }) =>
      issues.push({ code: 'custom', path: issue.path ?? [], message: issue.message ?? '', input: undefined }),
  } as unknown as z.RefinementCtx;
  checkPerson(input as Parameters<typeof checkPerson>[0], ctx);
  return issues;
}

interface Prepared {
  row: SheetRow;
  values: ProvidedValues;
  problems: Map<PersonImportField, CellProblem>;
  unit: UnitRef | null;
  unitText: string | null;
  keyHash: string | null;
}

export interface ValidatorDeps {
  db: Db;
  cipher: FieldCipher;
  actor: Actor;
  locale: MessageLocale;
  match: HeaderMatch;
  dictionaries: Dictionaries;
  units: UnitDirectory;
  regions: RegionDirectory;
  createMissingUnits: boolean;
}

export class RowValidator {
  /** ID-number hash → the row it first appeared on. */
  private readonly firstRow = new Map<string, number>();
  readonly summary: Record<ImportOutcome, number> = { create: 0, update: 0, unchanged: 0, error: 0 };

  constructor(private readonly deps: ValidatorDeps) {}

  /** Validates rows (in file order; chunk after chunk) into import_rows values for a job. */
  async validate(jobId: string, rows: SheetRow[]): Promise<ImportRowInsert[]> {
    const prepared: Prepared[] = [];
    for (const row of rows) prepared.push(await this.prepare(row));
    const hashes = [...new Set(prepared.flatMap((p) => (p.keyHash ? [p.keyHash] : [])))];
    const existing = await loadExisting(this.deps.db, hashes);
    return prepared.map((p) => this.finish(jobId, p, p.keyHash ? (existing.get(p.keyHash) ?? null) : null));
  }

  private async prepare(row: SheetRow): Promise<Prepared> {
    const { match, dictionaries, cipher } = this.deps;
    const problems = new Map<PersonImportField, CellProblem>();
    const converted: Record<string, unknown> = {};
    for (const field of PERSON_IMPORT_FIELDS) {
      const col = match.columns[field];
      if (col === undefined) continue;
      const result = convertCell(field, row.cells[col], dictionaries);
      if (!result) continue;
      if ('problem' in result) problems.set(field, result.problem);
      else converted[field] = result.value;
    }
    const { unit: unitText, region: regionText, ...values } = converted as ProvidedValues;
    const id = typeof values.idNumber === 'string' ? parseIdNumber(values.idNumber) : null;
    const keyHash = id?.ok ? idNumberHash(cipher, id.value) : null;
    let unit: UnitRef | null = null;
    if (!unitText) {
      if (!problems.has('unit')) problems.set('unit', { key: 'cell_required' });
    } else {
      const found = this.deps.units.find(unitText);
      if ('unit' in found) unit = { id: found.unit.id, name: found.unit.name };
      else if ('problem' in found) problems.set('unit', found.problem);
      else if (!this.deps.createMissingUnits) problems.set('unit', { key: 'unit_not_found', x: unitText });
      else if (!problems.has('region')) {
        const region = regionText ? await this.deps.regions.resolve(regionText) : null;
        if (region && 'problem' in region) problems.set('region', region.problem);
        else {
          const planned = this.deps.units.plan(found.missing, region);
          if ('problem' in planned)
            problems.set(planned.problem.key.startsWith('region') ? 'region' : 'unit', planned.problem);
          else unit = planned;
        }
      }
    }
    return { row, values, problems, unit, unitText: unitText ?? null, keyHash };
  }

  private column(field: PersonImportField): string {
    return this.deps.match.headers[field] ?? PERSON_IMPORT_COLUMNS[field].header;
  }

  private error(field: PersonImportField, key: string, x?: unknown): ImportRowError {
    return { column: this.column(field), field, code: key, message: fieldMessage(key, this.deps.locale, x) };
  }

  private finish(jobId: string, p: Prepared, found: Existing | null): ImportRowInsert {
    const { cipher, actor, locale } = this.deps;
    const errors: ImportRowError[] = [...p.problems].map(([field, problem]) =>
      this.error(field, problem.key, problem.x),
    );
    if (p.keyHash) {
      const first = this.firstRow.get(p.keyHash);
      if (first !== undefined) errors.push(this.error('idNumber', 'duplicate_in_file', first));
      else this.firstRow.set(p.keyHash, p.row.rowNo);
    }
    let existing = found;
    if (existing && !can(actor, 'import', { userId: existing.row.userId, unit: existing.unit })) {
      // Someone else's person: say so, and nothing more about them.
      errors.push(this.error('idNumber', 'person_out_of_scope'));
      existing = null;
    }
    const unitId = p.unit && 'id' in p.unit ? p.unit.id : PLANNED_UNIT_ID;
    const input = mergeInput(cipher, p.values, existing?.row ?? null, unitId);
    const parsed = createPersonBody.safeParse(input);
    const idBad = !p.keyHash;
    if (!parsed.success) {
      for (const fe of fieldErrorsFromIssues([...parsed.error.issues, ...crossChecks(input)], locale)) {
        const key = fe.path.split('.')[0] ?? '';
        const field = (key === 'unitId' ? 'unit' : key) as PersonImportField;
        if (p.problems.has(field)) continue;
        // Gender and birth date left out follow from the ID number; a bad ID number is the one error.
        if ((field === 'gender' || field === 'birthDate') && p.values[field] === undefined && idBad) continue;
        // One error per cell: the first says what to fix (an impossible date, not also a mismatch).
        if (errors.some((e) => e.field === field)) continue;
        // A missing value is an empty cell (or no such column): say so in the import's own words.
        if (fe.code === 'invalid_type' && input[key] === undefined)
          errors.push(this.error(field, 'cell_required'));
        else errors.push({ column: this.column(field), field, code: fe.code, message: fe.message });
      }
    }
    const order = (e: ImportRowError) => this.deps.match.columns[e.field as PersonImportField] ?? 999;
    errors.sort((a, b) => order(a) - order(b));
    let outcome: ImportOutcome = 'create';
    let diff: Record<string, { from: unknown; to: unknown }> | null = null;
    if (errors.length > 0 || !parsed.success) outcome = 'error';
    else if (existing) {
      diff = personDiff(cipher, existing.row, parsed.data);
      if (diff.unitId) {
        delete diff.unitId;
        diff.unit = { from: existing.unit.name, to: p.unit?.name ?? null };
      }
      outcome = Object.keys(diff).length === 0 ? 'unchanged' : 'update';
    }
    this.summary[outcome] += 1;
    const idText = typeof p.values.idNumber === 'string' ? normalizeIdNumber(p.values.idNumber) : null;
    const payload: RowPayload = {
      values: p.values,
      unit: p.unit,
      display: {
        name: p.values.name ?? existing?.row.name ?? null,
        idNumber: idText ? maskIdNumber(idText) : null,
        unitName: p.unit?.name ?? p.unitText,
      },
      ...(outcome === 'error' ? { cells: p.row.cells.map(cellText) } : {}),
    };
    return {
      jobId,
      rowNo: p.row.rowNo,
      outcome,
      payload: cipher.encrypt(JSON.stringify(payload)),
      keyHash: p.keyHash,
      targetId: existing?.row.id ?? null,
      diff: outcome === 'update' ? diff : null,
      errors: errors.length > 0 ? errors : null,
    };
  }
}
