import { and, eq, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { classes } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { type ClassPlace, mayOrganise, runs } from '../classes/policy.js';
import type { UnitPlace } from '../units/policy.js';

/**
 * Who may do what with certificates. Staff who confirm completion or certify a class read its
 * certificates; only `certify` (certificate.issue: org admins and training officers, never the
 * class director — separation of duties) issues, revokes and re-issues. The holder (the trainee
 * whose person it is) reads and downloads their own. A seal is uploaded by those who may organise
 * its unit with certificate.issue.
 */

/** May the actor read a class's certificates (staff who certify or confirm completion)? */
export function readsCertificates(actor: Actor, place: ClassPlace): boolean {
  return runs(actor, 'certify', place) || runs(actor, 'complete', place);
}

/** May the actor issue, revoke and re-issue the class's certificates? */
export function certifies(actor: Actor, place: ClassPlace): boolean {
  return runs(actor, 'certify', place);
}

/** May the actor upload the seal of this unit? */
export function mayEditSeal(actor: Actor, unit: UnitPlace): boolean {
  return mayOrganise(actor, unit, 'certificate.issue');
}

/**
 * May the actor see the seal of this unit: those who may upload it or confirm completion over it,
 * and class directors of a class the unit issues certificates for.
 */
export async function mayReadSeal(
  exec: Executor,
  actor: Actor,
  unitId: string,
  unit: UnitPlace,
): Promise<boolean> {
  if (mayEditSeal(actor, unit) || mayOrganise(actor, unit, 'completion.decide')) return true;
  if (!actor.permissions.has('completion.decide')) return false;
  const [hit] = await exec
    .select({ id: classes.id })
    .from(classes)
    .where(
      and(
        sql`coalesce(${classes.hostInstitutionId}, ${classes.leadOrganiserId}) = ${unitId}`,
        or(eq(classes.directorId, actor.id), sql`${actor.id}::uuid = any(${classes.assistantIds})`),
      ),
    )
    .limit(1);
  return !!hit;
}
