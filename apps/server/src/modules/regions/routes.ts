import type { MultipartFile } from '@fastify/multipart';
import {
  REGION_IMPORT_MODES,
  type RegionImportMode,
  regionDetail,
  regionImportResult,
  regionListQuery,
  regionPage,
  regionParams,
} from '@ganxun/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, hasPermission, requireActor } from '../../platform/authorize.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import { toIsoDate } from './file.js';
import type { ImportOptions } from './import.js';
import { presentRegion, presentRegionDetail } from './presenter.js';
import type { RegionService } from './service.js';
import { shanghaiToday } from './validity.js';

const tags = ['regions'];

export function regionRoutes(app: FastifyInstance, deps: { regions: RegionService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { regions } = deps;

  r.get(
    '/api/v1/regions',
    { schema: { tags, querystring: regionListQuery, response: { 200: regionPage } } },
    async (req) => {
      authorize(hasPermission(req.ctx.actor, 'region.read'), 'region.read', { type: 'region' });
      const today = shanghaiToday();
      const page = await regions.list(req.query, today);
      return { ...page, items: page.items.map((n) => presentRegion(n, today)) };
    },
  );

  r.get(
    '/api/v1/regions/:code',
    { schema: { tags, params: regionParams, response: { 200: regionDetail } } },
    async (req) => {
      const { code } = req.params;
      authorize(hasPermission(req.ctx.actor, 'region.read'), 'region.read', { type: 'region', id: code });
      const today = shanghaiToday();
      const { node, ancestors } = await regions.get(code, today);
      return presentRegionDetail(node, ancestors, today);
    },
  );

  r.post(
    '/api/v1/regions/imports',
    {
      schema: {
        tags,
        description:
          'multipart/form-data: `file` (csv or xlsx, columns code,name[,valid_from] or 代码,名称[,生效日期]), ' +
          '`mode` full|partial (default partial), `dryRun` true|false, `date` YYYY-MM-DD (default today).',
        consumes: ['multipart/form-data'],
        response: { 200: regionImportResult },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx.actor);
      authorize(actor.permissions.has('region.edit'), 'region.import', { type: 'region' });
      const { file, options } = await readUpload(req);
      return regions.import(req.ctx, file, options);
    },
  );
}

const FIELDS = new Set(['mode', 'dryRun', 'date']);

/** The uploaded list and the form's options; every problem with the form at once, by field. */
async function readUpload(
  req: FastifyRequest,
): Promise<{ file: { name: string; buffer: Buffer }; options: ImportOptions }> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  let file: { name: string; buffer: Buffer } | null = null;
  const fields = new Map<string, string>();
  const problems: FieldProblem[] = [];
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const buffer = await (part as MultipartFile).toBuffer();
      if (part.fieldname === 'file') file = { name: part.filename, buffer };
      else problems.push({ path: part.fieldname, key: 'region_import_unknown_field' });
    } else if (FIELDS.has(part.fieldname)) fields.set(part.fieldname, String(part.value ?? ''));
    else problems.push({ path: part.fieldname, key: 'region_import_unknown_field' });
  }
  const mode = fields.get('mode') || 'partial';
  if (!(REGION_IMPORT_MODES as readonly string[]).includes(mode))
    problems.push({ path: 'mode', key: 'region_import_mode' });
  const dryRun = fields.get('dryRun') || 'false';
  if (dryRun !== 'true' && dryRun !== 'false') problems.push({ path: 'dryRun', key: 'region_import_flag' });
  const dateText = fields.get('date') || '';
  const date = dateText === '' ? null : (toIsoDate(dateText) ?? null);
  if (dateText !== '' && !date) problems.push({ path: 'date', key: 'region_date_invalid' });
  if (!file || file.buffer.length === 0) problems.push({ path: 'file', key: 'region_file_required' });
  if (problems.length > 0 || !file) throw new AppError('VALIDATION_FAILED', { fields: problems });
  return { file, options: { mode: mode as RegionImportMode, dryRun: dryRun === 'true', date } };
}
