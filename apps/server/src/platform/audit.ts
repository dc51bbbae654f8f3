import { type AuditOutcome, redact } from '@ganxun/domain';
import type { Executor } from '../db/client.js';
import { auditEvents } from '../db/schema/index.js';
import type { RequestContext } from './context.js';

export interface AuditEntry {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  outcome?: AuditOutcome;
  /** Changed fields, `{ field: [before, after] }`; personal and secret values are redacted here. */
  changes?: Record<string, unknown> | null;
  detail?: Record<string, unknown> | null;
  /** For events without a signed-in actor (failed logins): who it was about. */
  actorUsername?: string | null;
  actorId?: string | null;
}

/**
 * Appends one event to the audit trail. Call it with the transaction that makes the change, so
 * that the change and its record commit or roll back together.
 */
export async function recordAudit(exec: Executor, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await exec.insert(auditEvents).values({
    actorId: entry.actorId ?? ctx.actor?.id ?? null,
    actorUsername: entry.actorUsername ?? ctx.actor?.username ?? null,
    actorRoles: ctx.actor ? [...new Set(ctx.actor.roles.map((r) => r.role))] : [],
    action: entry.action,
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    outcome: entry.outcome ?? 'success',
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 500) ?? null,
    requestId: ctx.requestId,
    changes: entry.changes ? (redact(entry.changes) as Record<string, unknown>) : null,
    detail: entry.detail ? (redact(entry.detail) as Record<string, unknown>) : null,
  });
}
