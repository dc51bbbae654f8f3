import {
  classNoticeBody,
  classNoticeList,
  classNoticeParams,
  classNoticeView,
  idParams,
  inboxNoticeParams,
  inboxPage,
  inboxQuery,
  markReadView,
  noticeReceiptsView,
  noticeRecipientList,
  notificationPreferencesBody,
  notificationPreferencesView,
  unreadCountView,
} from '@ganxun/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../app.js';

const tags = ['notices'];

/** The language the request asks for (Accept-Language), or null to use the account's. */
const asked = (req: FastifyRequest) => (req.headers['accept-language'] ? req.ctx.locale : null);

/**
 * Notification routes (issue 9 item 5): the reader's inbox, a class's notice board (通知公告) with
 * read receipts, and the reader's notification preferences.
 */
export function noticeRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { notices } = services;

  r.get(
    '/api/v1/inbox',
    { schema: { tags, querystring: inboxQuery, response: { 200: inboxPage } } },
    async (req) => notices.inbox(req.ctx, req.query, asked(req)),
  );

  r.get('/api/v1/inbox/unread-count', { schema: { tags, response: { 200: unreadCountView } } }, async (req) =>
    notices.unread(req.ctx),
  );

  r.post('/api/v1/inbox/read-all', { schema: { tags, response: { 200: markReadView } } }, async (req) =>
    notices.markAllRead(req.ctx),
  );

  r.post(
    '/api/v1/inbox/:noticeId/read',
    { schema: { tags, params: inboxNoticeParams, response: { 200: markReadView } } },
    async (req) => notices.markRead(req.ctx, req.params.noticeId),
  );

  r.get(
    '/api/v1/classes/:id/notices',
    { schema: { tags, params: idParams, response: { 200: classNoticeList } } },
    async (req) => notices.board(req.ctx, req.params.id, asked(req)),
  );

  r.post(
    '/api/v1/classes/:id/notices',
    { schema: { tags, params: idParams, body: classNoticeBody, response: { 201: classNoticeView } } },
    async (req, reply) =>
      reply.status(201).send(await notices.post(req.ctx, req.params.id, req.body, asked(req))),
  );

  r.get(
    '/api/v1/classes/:id/notices/recipients',
    { schema: { tags, params: idParams, response: { 200: noticeRecipientList } } },
    async (req) => notices.recipientOptions(req.ctx, req.params.id),
  );

  r.get(
    '/api/v1/classes/:id/notices/:nid/receipts',
    { schema: { tags, params: classNoticeParams, response: { 200: noticeReceiptsView } } },
    async (req) => notices.receipts(req.ctx, req.params.id, req.params.nid),
  );

  r.post(
    '/api/v1/classes/:id/notices/:nid/read',
    { schema: { tags, params: classNoticeParams, response: { 200: markReadView } } },
    async (req) => notices.readClassNotice(req.ctx, req.params.id, req.params.nid),
  );

  r.get(
    '/api/v1/me/notification-preferences',
    { schema: { tags, response: { 200: notificationPreferencesView } } },
    async (req) => notices.preferences(req.ctx),
  );

  r.put(
    '/api/v1/me/notification-preferences',
    { schema: { tags, body: notificationPreferencesBody, response: { 200: notificationPreferencesView } } },
    async (req) => notices.putPreferences(req.ctx, req.body),
  );
}
