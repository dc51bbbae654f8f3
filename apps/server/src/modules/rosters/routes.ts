import { idParams } from '@ganxun/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ClassService } from '../classes/service.js';
import { contentDisposition } from '../people/export.js';
import type { Download, RosterService } from './service.js';

const tags = ['rosters'];

/** `?includeWithdrawn=true` adds withdrawn trainees (with their reason) to the roster. */
export const rosterQuery = z.object({ includeWithdrawn: z.enum(['true', 'false']).optional() });

/** The day (default: the class's first day) and optionally one group of the class. */
export const signInSheetQuery = z.object({
  date: z.iso.date().optional(),
  groupId: z.uuid().optional(),
});

/** Roster downloads of a class; all need roster.export on the class (requireRun 'export'). */
export function rosterRoutes(
  app: FastifyInstance,
  deps: { classes: ClassService; rosters: RosterService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { classes, rosters } = deps;

  const send = (reply: FastifyReply, download: Download) =>
    reply
      .header('content-type', download.contentType)
      .header('content-disposition', contentDisposition(download.fileName, download.fallbackName))
      .header('cache-control', 'no-store')
      .send(download.file);

  r.get(
    '/api/v1/classes/:id/roster.xlsx',
    { schema: { tags, params: idParams, querystring: rosterQuery } },
    async (req, reply) => {
      const record = await classes.requireRun(req.ctx, req.params.id, 'export');
      const includeWithdrawn = req.query.includeWithdrawn === 'true';
      return send(reply, await rosters.roster(req.ctx, record, { includeWithdrawn }));
    },
  );

  r.get('/api/v1/classes/:id/contacts.xlsx', { schema: { tags, params: idParams } }, async (req, reply) => {
    const record = await classes.requireRun(req.ctx, req.params.id, 'export');
    return send(reply, await rosters.contacts(req.ctx, record));
  });

  r.get(
    '/api/v1/classes/:id/sign-in-sheet.pdf',
    { schema: { tags, params: idParams, querystring: signInSheetQuery } },
    async (req, reply) => {
      const record = await classes.requireRun(req.ctx, req.params.id, 'export');
      return send(reply, await rosters.signInSheet(req.ctx, record, req.query));
    },
  );
}
