import type { AuditQuery, Page } from '@ganxun/domain';
import { and, count, desc, eq, gte, ilike, lte, or, type SQL } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import { auditEvents } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { escapeLike } from '../users/service.js';
import { scopeFor } from './policy.js';
import type { AuditRow } from './presenter.js';

/** Largest export in one file; narrower filters give the rest. */
export const AUDIT_EXPORT_LIMIT = 50_000;

export class AuditService {
  constructor(private readonly db: Db) {}

  private where(ctx: RequestContext, q: Omit<AuditQuery, 'page' | 'pageSize' | 'sort'>): SQL | undefined {
    return and(
      scopeFor(ctx.actor),
      q.from ? gte(auditEvents.occurredAt, new Date(q.from)) : undefined,
      q.to ? lte(auditEvents.occurredAt, new Date(q.to)) : undefined,
      q.actor
        ? or(
            ilike(auditEvents.actorUsername, `%${escapeLike(q.actor)}%`),
            eq(auditEvents.actorUsername, q.actor),
          )
        : undefined,
      q.action ? ilike(auditEvents.action, `${escapeLike(q.action)}%`) : undefined,
      q.entityType ? eq(auditEvents.entityType, q.entityType) : undefined,
      q.entityId ? eq(auditEvents.entityId, q.entityId) : undefined,
      q.outcome ? eq(auditEvents.outcome, q.outcome) : undefined,
    );
  }

  async list(ctx: RequestContext, q: AuditQuery): Promise<Page<AuditRow>> {
    const where = this.where(ctx, q);
    const order =
      q.sort === 'occurredAt'
        ? [auditEvents.occurredAt, auditEvents.id]
        : [desc(auditEvents.occurredAt), desc(auditEvents.id)];
    const [items, [total]] = await Promise.all([
      this.db
        .select()
        .from(auditEvents)
        .where(where)
        .orderBy(...order)
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      this.db.select({ n: count() }).from(auditEvents).where(where),
    ]);
    return { items, total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
  }

  /** The filtered trail as an xlsx workbook (headers in the reader's language); the export is itself audited. */
  async exportXlsx(ctx: RequestContext, q: AuditQuery, headers: string[]): Promise<Buffer> {
    const where = this.where(ctx, q);
    const rows = await this.db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.occurredAt))
      .limit(AUDIT_EXPORT_LIMIT);
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Ganxun';
    const sheet = workbook.addWorksheet('audit');
    sheet.addRow(headers);
    sheet.getRow(1).font = { bold: true };
    for (const r of rows) {
      sheet.addRow([
        r.occurredAt.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }),
        r.actorUsername ?? '',
        r.actorRoles.join(', '),
        r.action,
        r.entityType ?? '',
        r.entityId ?? '',
        r.outcome,
        r.ip ?? '',
        r.userAgent ?? '',
        r.changes ? JSON.stringify(r.changes) : '',
        r.detail ? JSON.stringify(r.detail) : '',
      ]);
    }
    sheet.columns.forEach((column, i) => {
      column.width = [20, 16, 18, 24, 12, 38, 10, 16, 30, 50, 50][i] ?? 16;
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    await recordAudit(this.db, ctx, {
      action: 'audit.export',
      entityType: 'audit_events',
      detail: { filter: { ...q }, rows: rows.length },
    });
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
