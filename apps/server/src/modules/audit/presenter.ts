import type { AuditEventView } from '@ganxun/domain';
import type { auditEvents } from '../../db/schema/index.js';

export type AuditRow = typeof auditEvents.$inferSelect;

export function presentAuditEvent(row: AuditRow): AuditEventView {
  return {
    id: String(row.id),
    occurredAt: row.occurredAt.toISOString(),
    actorId: row.actorId,
    actorUsername: row.actorUsername,
    actorRoles: row.actorRoles,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    outcome: row.outcome,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
    changes: row.changes ?? null,
    detail: row.detail ?? null,
  };
}
