import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';

export type AuditAction = 'read' | 'export';

/** Only the security auditor reads the trail (separation of duties: not the admins it audits). */
export function can(actor: Actor, action: AuditAction): boolean {
  return actor.permissions.has(action === 'read' ? 'audit.read' : 'audit.export');
}

/** The events a reader may see: all of them for the auditor, none for anyone else. */
export function scopeFor(actor: Actor | null): SQL | undefined {
  return actor?.permissions.has('audit.read') ? undefined : sql`false`;
}
