import { type AuditOutcome, redact } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
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
  await exec.insert(auditEvents).values(auditRow(ctx, entry));
}

/**
 * Appends many events (an import's one per changed record), 1,000 per statement as arrays
 * (`unnest`), which builds far faster than a many-row VALUES; like recordAudit, inside the
 * transaction that makes the changes.
 */
export async function recordAudits(
  exec: Executor,
  ctx: RequestContext,
  entries: AuditEntry[],
): Promise<void> {
  const roles = ctx.actor ? [...new Set(ctx.actor.roles.map((r) => r.role))] : [];
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  for (let i = 0; i < entries.length; i += 1000) {
    const rows = entries.slice(i, i + 1000).map((e) => auditRow(ctx, e));
    const col = (pick: (r: (typeof rows)[number]) => unknown) => sql.param(rows.map((r) => pick(r) ?? null));
    await exec.execute(sql`
      insert into audit_events (actor_id, actor_username, actor_roles, action, entity_type, entity_id,
        outcome, ip, user_agent, request_id, changes, detail)
      select a.actor_id, a.actor_username, ${sql.param(roles)}::text[], a.action, a.entity_type, a.entity_id,
        a.outcome, a.ip, a.user_agent, a.request_id, a.changes, a.detail
      from unnest(${col((r) => r.actorId)}::uuid[], ${col((r) => r.actorUsername)}::text[],
        ${col((r) => r.action)}::text[], ${col((r) => r.entityType)}::text[], ${col((r) => r.entityId)}::text[],
        ${col((r) => r.outcome)}::text[], ${col((r) => r.ip)}::text[], ${col((r) => r.userAgent)}::text[],
        ${col((r) => r.requestId)}::text[], ${col((r) => json(r.changes))}::jsonb[], ${col((r) => json(r.detail))}::jsonb[])
        as a(actor_id, actor_username, action, entity_type, entity_id, outcome, ip, user_agent, request_id, changes, detail)`);
  }
}

function auditRow(ctx: RequestContext, entry: AuditEntry): typeof auditEvents.$inferInsert {
  return {
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
  };
}
