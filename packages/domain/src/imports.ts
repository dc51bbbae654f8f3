import { z } from 'zod';
import { listQuery, pageOf } from './common.js';

/**
 * Spreadsheet imports (validate → preview → commit): the API contracts. The pure rules that read a
 * roster as people write it are in import-rules.ts, exported from here too.
 */
export * from './import-rules.js';

export const IMPORT_KINDS = ['people', 'regions'] as const;
export const IMPORT_STATUSES = [
  'validating',
  'validated',
  'committing',
  'committed',
  'failed',
  'cancelled',
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
export const IMPORT_OUTCOMES = ['create', 'update', 'unchanged', 'error'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

/** Most data rows one file may hold. */
export const MAX_IMPORT_ROWS = 100_000;

export const importJobView = z.object({
  id: z.uuid(),
  kind: z.enum(IMPORT_KINDS),
  status: z.enum(IMPORT_STATUSES),
  fileName: z.string(),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  summary: z.object({
    create: z.number().int(),
    update: z.number().int(),
    unchanged: z.number().int(),
    error: z.number().int(),
  }),
  /** A problem with the whole file (not a spreadsheet, required columns missing, too many rows…). */
  failure: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Headers of the file that map to no field: ignored, listed so the user sees them. */
  ignoredColumns: z.array(z.string()),
  createMissingUnits: z.boolean(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});
export type ImportJobView = z.infer<typeof importJobView>;
export const importJobPage = pageOf(importJobView);

export const importRowError = z.object({
  /** The column's header as written in the file. */
  column: z.string(),
  field: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowError>;

export const importRowView = z.object({
  /** The row number the spreadsheet shows (the header is usually row 1). */
  rowNo: z.number().int(),
  outcome: z.enum(IMPORT_OUTCOMES),
  name: z.string().nullable(),
  /** Always masked. */
  idNumber: z.string().nullable(),
  unitName: z.string().nullable(),
  /** Field-by-field changes of an update (`unit` by name; mobile masked). */
  diff: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
  errors: z.array(importRowError),
});
export type ImportRowView = z.infer<typeof importRowView>;
export const importRowPage = pageOf(importRowView);

/** GET /api/v1/imports: the caller's own jobs, newest first by default. */
export const importListQuery = listQuery.extend({
  status: z.enum(IMPORT_STATUSES).optional(),
  sort: z.enum(['createdAt', '-createdAt']).optional(),
});
export type ImportListQuery = z.infer<typeof importListQuery>;

/** GET /api/v1/imports/{id}/rows: in row order, optionally one outcome. */
export const importRowsQuery = listQuery.extend({
  outcome: z.enum(IMPORT_OUTCOMES).optional(),
  sort: z.enum(['rowNo', '-rowNo']).optional(),
});
export type ImportRowsQuery = z.infer<typeof importRowsQuery>;

/** The text fields of the multipart upload (beside `file`); other fields are ignored. */
export const importUploadFields = z.object({
  kind: z.enum(['people']).default('people'),
  createMissingUnits: z
    .enum(['true', 'false', '1', '0', 'on', 'off'])
    .default('false')
    .transform((v) => v === 'true' || v === '1' || v === 'on'),
});
export type ImportUploadFields = z.infer<typeof importUploadFields>;
