import type { WorkPlace } from '@ganxun/domain';
import { eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { people, units } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { mayNominate, mayUseQuota, type NominatorPlaces, runs } from '../classes/policy.js';
import type { ClassRecord } from '../classes/service.js';
import { placedHolder, type QuotaRecord } from '../quotas/holders.js';

/**
 * Who may do what with a nomination (docs: /work/notes/api-nominations.md):
 * - nominate against a quota: the nominators whose places the quota covers (`mayUseQuota`), for
 *   people working within their own places and under the quota's holder; a class without quotas
 *   takes nominations only from those who run it (class.edit), for any serving person;
 * - withdraw or substitute: the nominator's reach over the quota (or the runners, for nominations
 *   without a quota), or whoever approves nominations of the class; a self-registrant may withdraw
 *   their own registration.
 */

/** A person and where they work, as the nomination checks need it. */
export interface PersonPlace extends WorkPlace {
  id: string;
  name: string;
  status: 'serving' | 'transferred' | 'retired';
  userId: string | null;
}

export async function personPlace(exec: Executor, where: SQL): Promise<PersonPlace | null> {
  const [row] = await exec
    .select({
      id: people.id,
      name: people.name,
      status: people.status,
      userId: people.userId,
      path: units.path,
      regionCode: units.regionCode,
    })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(where)
    .limit(1);
  return row ?? null;
}

/** Does the person work within one of the nominator's places? */
export function inReach(places: NominatorPlaces, person: WorkPlace): boolean {
  return mayNominate(places, null, person);
}

/** May the actor nominate against this quota (or, with none, to this class)? */
export function mayNominateTo(
  actor: Actor,
  places: NominatorPlaces,
  record: ClassRecord,
  quota: QuotaRecord | null,
): boolean {
  return quota
    ? actor.permissions.has('nomination.create') && mayUseQuota(places, placedHolder(quota))
    : runs(actor, 'edit', record.place);
}

/** May the actor withdraw (or substitute) this nomination? */
export function mayRelease(
  actor: Actor,
  places: NominatorPlaces,
  record: ClassRecord,
  n: { quota: QuotaRecord | null; source: 'nomination' | 'self'; personUserId: string | null },
  kind: 'withdraw' | 'substitute',
): boolean {
  if (runs(actor, 'approve', record.place)) return true;
  if (mayNominateTo(actor, places, record, n.quota)) return true;
  return kind === 'withdraw' && n.source === 'self' && n.personUserId === actor.id;
}

/** A deadline as people in China read it: `2030-03-10 18:00` (Asia/Shanghai). */
export function shanghaiTime(d: Date): string {
  return d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, 16);
}
