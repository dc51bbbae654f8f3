import {
  annualTrainingQuery,
  annualTrainingReport,
  archiveView,
  classSummaryQuery,
  classSummaryReport,
  idParams,
  pairingAnnualQuery,
  pairingAnnualReport,
  personArchiveQuery,
} from '@ganxun/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../app.js';
import { contentDisposition } from '../people/export.js';
import type { ReportDownload } from './service.js';

const tags = ['reports'];

/**
 * Standard reports (issue 8): JSON views, or `?format=xlsx` for the workbook (audited). All need
 * `stats.read` and the read rule of their object (the service checks both).
 */
export function reportRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { reports } = services;

  // A Buffer bypasses the response serializer; the schema documents the JSON form.
  const send = (reply: FastifyReply, d: ReportDownload) =>
    reply
      .header('content-type', d.contentType)
      .header('content-disposition', contentDisposition(d.fileName, d.fallbackName))
      .header('cache-control', 'no-store')
      .send(d.file as never);

  r.get(
    '/api/v1/reports/annual-training',
    { schema: { tags, querystring: annualTrainingQuery, response: { 200: annualTrainingReport } } },
    async (req, reply) => {
      const { year, organiserId, format } = req.query;
      const query = { year, organiserId };
      if (format !== 'xlsx') return reports.annualTraining(req.ctx, query);
      const file = await reports.annualTrainingWorkbook(req.ctx, query);
      const labels = reports.labels(req.ctx).annual;
      return send(
        reply,
        await reports.download(
          req.ctx,
          'annual_training',
          { type: 'report', id: organiserId ?? null },
          { year, organiserId: organiserId ?? null },
          file,
          { fileName: labels.file(year), fallback: `annual-training-${year}` },
        ),
      );
    },
  );

  r.get(
    '/api/v1/reports/classes/:id/summary',
    {
      schema: {
        tags,
        params: idParams,
        querystring: classSummaryQuery,
        response: { 200: classSummaryReport },
      },
    },
    async (req, reply) => {
      const report = await reports.classSummary(req.ctx, req.params.id);
      if (req.query.format !== 'xlsx') return report;
      const file = await reports.classSummaryWorkbook(req.ctx, report);
      return send(
        reply,
        await reports.download(req.ctx, 'class_summary', { type: 'class', id: report.classId }, {}, file, {
          fileName: reports.labels(req.ctx).summary.file(report.code),
          fallback: `class-summary-${report.code}`,
        }),
      );
    },
  );

  r.get(
    '/api/v1/reports/partnerships/:id/annual',
    {
      schema: {
        tags,
        params: idParams,
        querystring: pairingAnnualQuery,
        response: { 200: pairingAnnualReport },
      },
    },
    async (req, reply) => {
      const { year, format } = req.query;
      const report = await reports.pairingAnnual(req.ctx, req.params.id, year);
      if (format !== 'xlsx') return report;
      const file = await reports.pairingWorkbook(req.ctx, report);
      return send(
        reply,
        await reports.download(
          req.ctx,
          'pairing_annual',
          { type: 'partnership', id: req.params.id },
          { year },
          file,
          {
            fileName: reports.labels(req.ctx).pairing.file(year),
            fallback: `pairing-annual-${year}`,
          },
        ),
      );
    },
  );

  r.get(
    '/api/v1/reports/people/:id/archive',
    { schema: { tags, params: idParams, querystring: personArchiveQuery, response: { 200: archiveView } } },
    async (req, reply) => {
      const archive = await reports.personArchive(req.ctx, req.params.id);
      if (req.query.format !== 'xlsx') return archive;
      const file = await reports.archiveWorkbook(req.ctx, archive);
      return send(
        reply,
        await reports.download(req.ctx, 'person_archive', { type: 'person', id: req.params.id }, {}, file, {
          fileName: reports.labels(req.ctx).archive.file(archive.person.name),
          fallback: 'training-archive',
        }),
      );
    },
  );
}
