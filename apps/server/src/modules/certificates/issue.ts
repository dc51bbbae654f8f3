import { certificateNumber } from '@ganxun/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { certificateCounters, certificates, units } from '../../db/schema/index.js';
import { type AuditEntry, recordAudits } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { ClassRecord } from '../classes/service.js';
import { certificateNotices, type Notifier } from '../notices/events.js';

/** A completed trainee to certify. */
export interface IssueTarget {
  enrollmentId: string;
  personId: string;
  personName: string;
  /** 学时 credited (the class's, as completion computed). */
  hours: number;
}

export interface IssuedCertificate {
  id: string;
  number: string;
}

/** The issuer's prefix of every number this installation gives out. */
export const CERTIFICATE_PREFIX = 'GX';

/** Today in China (UTC+8), `YYYY-MM-DD`. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Takes `count` consecutive sequence numbers of the year from `certificate_counters`: the upsert
 * locks the counter row until the transaction ends, so concurrent issuers never share a number
 * (and the unique index on the number backs it). Returns the first one.
 */
async function takeSequences(tx: Executor, year: number, count: number): Promise<number> {
  const [row] = await tx
    .insert(certificateCounters)
    .values({ prefix: CERTIFICATE_PREFIX, year, next: count + 1 })
    .onConflictDoUpdate({
      target: [certificateCounters.prefix, certificateCounters.year],
      set: { next: sql`${certificateCounters.next} + ${count}` },
    })
    .returning({ next: certificateCounters.next });
  if (!row) throw new Error('certificate counter not updated');
  return row.next - count;
}

/** What a class's certificates print as issuer: its host institution, else its lead organiser. */
export async function issuerOf(
  exec: Executor,
  cls: Pick<ClassRecord, 'hostInstitutionId' | 'leadOrganiserId'>,
): Promise<{ unitId: string; name: string }> {
  const unitId = cls.hostInstitutionId ?? cls.leadOrganiserId;
  const [unit] = await exec.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  return { unitId, name: unit?.name ?? '' };
}

/** The first and last days printed (a class reaching completion has both; fall back sensibly). */
function classDays(cls: Pick<ClassRecord, 'startDate' | 'endDate'>): { startDate: string; endDate: string } {
  const endDate = cls.endDate ?? cls.startDate ?? chinaToday();
  return { startDate: cls.startDate ?? endDate, endDate };
}

/**
 * Issues a certificate to each target that holds no valid one yet, inside the caller's transaction
 * (completion confirmation calls it); returns every target's valid certificate, new or existing,
 * by enrollment id. Numbers come from `certificate_counters` under a row lock; each issue is audited.
 * Implemented by the certificates module.
 */
export async function issueCertificates(
  tx: Executor,
  ctx: RequestContext,
  cls: ClassRecord,
  targets: readonly IssueTarget[],
  notices?: Notifier,
): Promise<Map<string, IssuedCertificate>> {
  const result = new Map<string, IssuedCertificate>();
  if (targets.length === 0) return result;
  const ids = [...new Set(targets.map((t) => t.enrollmentId))];
  const valid = (enrollmentIds: string[]) =>
    tx
      .select({ id: certificates.id, number: certificates.number, enrollmentId: certificates.enrollmentId })
      .from(certificates)
      .where(and(inArray(certificates.enrollmentId, enrollmentIds), eq(certificates.status, 'valid')));
  for (const row of await valid(ids)) result.set(row.enrollmentId, { id: row.id, number: row.number });

  const seen = new Set<string>();
  const fresh = targets.filter((t) => {
    if (result.has(t.enrollmentId) || seen.has(t.enrollmentId)) return false;
    seen.add(t.enrollmentId);
    return true;
  });
  if (fresh.length === 0) return result;

  const days = classDays(cls);
  const year = Number(days.endDate.slice(0, 4));
  const issuer = await issuerOf(tx, cls);
  const first = await takeSequences(tx, year, fresh.length);
  const actorId = ctx.actor?.id ?? null;
  // A concurrent issuer may have certified one of them meanwhile: the partial unique index
  // (one valid certificate per enrollment) turns that into "do nothing", and the number is skipped.
  const inserted = await tx
    .insert(certificates)
    .values(
      fresh.map((t, i) => ({
        number: certificateNumber(CERTIFICATE_PREFIX, year, first + i),
        classId: cls.id,
        enrollmentId: t.enrollmentId,
        personId: t.personId,
        personName: t.personName,
        className: cls.name,
        startDate: days.startDate,
        endDate: days.endDate,
        hours: t.hours,
        issuer: issuer.name,
        issuerUnitId: issuer.unitId,
        issuedBy: actorId,
      })),
    )
    .onConflictDoNothing({ target: certificates.enrollmentId, where: sql`status = 'valid'` })
    .returning({
      id: certificates.id,
      number: certificates.number,
      enrollmentId: certificates.enrollmentId,
      personId: certificates.personId,
      hours: certificates.hours,
    });
  const audits: AuditEntry[] = inserted.map((row) => ({
    action: 'certificate.issue',
    entityType: 'certificate',
    entityId: row.id,
    detail: {
      number: row.number,
      classId: cls.id,
      enrollmentId: row.enrollmentId,
      personId: row.personId,
      hours: row.hours,
    },
  }));
  await recordAudits(tx, ctx, audits);
  if (notices) for (const n of await certificateNotices(tx, cls, inserted)) await notices.notify(tx, n);
  for (const row of inserted) result.set(row.enrollmentId, { id: row.id, number: row.number });
  const missing = fresh.map((t) => t.enrollmentId).filter((id) => !result.has(id));
  if (missing.length) {
    for (const row of await valid(missing)) result.set(row.enrollmentId, { id: row.id, number: row.number });
  }
  return result;
}

/**
 * Revokes the valid certificates of these enrollments with a reason (completion withdrawn), in
 * the caller's transaction; returns how many were revoked. Implemented by the certificates module.
 */
export async function revokeCertificatesOf(
  tx: Executor,
  ctx: RequestContext,
  classId: string,
  enrollmentIds: readonly string[],
  reason: string,
): Promise<number> {
  if (enrollmentIds.length === 0) return 0;
  const revoked = await tx
    .update(certificates)
    .set({
      status: 'revoked',
      revokedAt: new Date(),
      revokedBy: ctx.actor?.id ?? null,
      revokedReason: reason,
    })
    .where(
      and(
        eq(certificates.classId, classId),
        inArray(certificates.enrollmentId, [...enrollmentIds]),
        eq(certificates.status, 'valid'),
      ),
    )
    .returning({ id: certificates.id, number: certificates.number, enrollmentId: certificates.enrollmentId });
  await recordAudits(
    tx,
    ctx,
    revoked.map((row) => ({
      action: 'certificate.revoke',
      entityType: 'certificate',
      entityId: row.id,
      detail: { number: row.number, classId, enrollmentId: row.enrollmentId, reason },
    })),
  );
  return revoked.length;
}
