import type { CertificateView } from '@ganxun/domain';
import type { certificates } from '../../db/schema/index.js';

export type CertificateRow = typeof certificates.$inferSelect;

/** A certificate as staff and its holder see it (`replacedBy`: the number of its replacement). */
export function presentCertificate(row: CertificateRow, replacedBy: string | null): CertificateView {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    personId: row.personId,
    personName: row.personName,
    classId: row.classId,
    className: row.className,
    startDate: row.startDate,
    endDate: row.endDate,
    hours: Number(row.hours),
    issuer: row.issuer,
    issuedAt: row.issuedAt.toISOString(),
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
    revokedReason: row.revokedReason,
    replacedBy,
  };
}
