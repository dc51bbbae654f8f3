import { z } from 'zod';
import { listQuery, pageOf, text } from './common.js';

export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Days an audit event must be kept; the database refuses earlier deletion. */
export const AUDIT_RETENTION_DAYS = 180;

export const auditEventView = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  actorRoles: z.array(z.string()),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventView = z.infer<typeof auditEventView>;
export const auditEventPage = pageOf(auditEventView);

export const auditQuery = listQuery.extend({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: text(64, 0).optional(),
  action: text(64, 0).optional(),
  entityType: text(64, 0).optional(),
  entityId: text(64, 0).optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;

/** Field names whose values never reach the audit trail (matched at the end of the name). */
const SECRET_KEYS =
  /(password|hash|secret|token|totpcode|idnumber|id_number|idcard|phone|phonenumber|mobile|mobilenumber)$/i;

/**
 * Replaces the values of personal or secret fields with "[redacted]" before they reach the audit
 * trail, recursively; the field names stay so that the trail still says what changed.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}

/** Field-by-field difference `{ field: [before, after] }` of two flat records, redacted. */
export function diffFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) !== JSON.stringify(b)) out[key] = [a ?? null, b ?? null];
  }
  return redact(out) as Record<string, unknown>;
}
