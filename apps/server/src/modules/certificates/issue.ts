import type { Executor } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import type { ClassRecord } from '../classes/service.js';

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

/**
 * Issues a certificate to each target that holds no valid one yet, inside the caller's transaction
 * (completion confirmation calls it); returns every target's valid certificate, new or existing,
 * by enrollment id. Numbers come from `certificate_counters` under a row lock; each issue is audited.
 * Implemented by the certificates module.
 */
export async function issueCertificates(
  _tx: Executor,
  _ctx: RequestContext,
  _cls: ClassRecord,
  _targets: readonly IssueTarget[],
): Promise<Map<string, IssuedCertificate>> {
  throw new Error('not implemented yet');
}

/**
 * Revokes the valid certificates of these enrollments with a reason (completion withdrawn), in
 * the caller's transaction; returns how many were revoked. Implemented by the certificates module.
 */
export async function revokeCertificatesOf(
  _tx: Executor,
  _ctx: RequestContext,
  _classId: string,
  _enrollmentIds: readonly string[],
  _reason: string,
): Promise<number> {
  throw new Error('not implemented yet');
}
