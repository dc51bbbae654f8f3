import { auditEventPage, auditQuery } from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import { can } from './policy.js';
import { presentAuditEvent } from './presenter.js';
import type { AuditService } from './service.js';

const tags = ['audit'];

const EXPORT_HEADERS = {
  'zh-CN': ['时间', '操作人', '角色', '操作', '对象类型', '对象ID', '结果', 'IP', '客户端', '变更', '详情'],
  'zh-TW': ['時間', '操作人', '角色', '操作', '物件類型', '物件ID', '結果', 'IP', '用戶端', '變更', '詳情'],
  en: [
    'Time',
    'Actor',
    'Roles',
    'Action',
    'Entity type',
    'Entity id',
    'Outcome',
    'IP',
    'User agent',
    'Changes',
    'Detail',
  ],
};

export function auditRoutes(app: FastifyInstance, deps: { audit: AuditService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/audit-events',
    { schema: { tags, querystring: auditQuery, response: { 200: auditEventPage } } },
    async (req) => {
      authorize(can(requireActor(req.ctx.actor), 'read'), 'audit.read', { type: 'audit_events' });
      const page = await deps.audit.list(req.ctx, req.query);
      return { ...page, items: page.items.map(presentAuditEvent) };
    },
  );

  r.get('/api/v1/audit-events/export', { schema: { tags, querystring: auditQuery } }, async (req, reply) => {
    authorize(can(requireActor(req.ctx.actor), 'export'), 'audit.export', { type: 'audit_events' });
    const file = await deps.audit.exportXlsx(req.ctx, req.query, EXPORT_HEADERS[req.ctx.locale]);
    const name = `audit-${new Date().toISOString().slice(0, 10)}.xlsx`;
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(file);
  });
}
