import { annualSummaryQuery, classBriefQuery, idParams } from '@ganxun/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../app.js';
import { contentDisposition } from '../people/export.js';
import type { DocumentFile } from './service.js';

const tags = ['reports'];

const send = (reply: FastifyReply, file: DocumentFile) =>
  reply
    .header('content-type', file.mime)
    .header('content-disposition', contentDisposition(file.name, file.asciiName))
    .header('cache-control', 'no-store')
    .send(file.content);

/**
 * Generated documents: `format=json` gives the document (title and paragraphs) for the preview;
 * docx and pdf are downloads (audited `report.document`). Both need `stats.read`; the brief also
 * needs the reader to run the class.
 */
export function documentRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { documents, classes } = services;

  r.get(
    '/api/v1/reports/annual-summary/document',
    {
      schema: {
        tags,
        querystring: annualSummaryQuery,
        description:
          'The annual work summary (年度干部教育培训工作总结) of the reader’s scope or an organiser, ' +
          'in zh-CN or zh-TW: json (generatedDocument), docx or pdf.',
      },
    },
    async (req, reply) => {
      if (req.query.format === 'json') return documents.annualSummary(req.ctx, req.query);
      return send(reply, await documents.annualSummaryFile(req.ctx, req.query));
    },
  );

  r.get(
    '/api/v1/reports/classes/:id/brief',
    {
      schema: {
        tags,
        params: idParams,
        querystring: classBriefQuery,
        description: 'A class’s news brief (新闻简报) in zh-CN or zh-TW: json, docx or pdf.',
      },
    },
    async (req, reply) => {
      const record = await classes.requireRun(req.ctx, req.params.id, 'read');
      if (req.query.format === 'json') return documents.classBrief(req.ctx, record, req.query.script);
      return send(reply, await documents.classBriefFile(req.ctx, record, req.query));
    },
  );
}
