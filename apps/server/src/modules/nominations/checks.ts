import { ACTIVE_NOMINATION_STATUSES, holderCovers } from '@ganxun/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { nominations } from '../../db/schema/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { NominatorPlaces } from '../classes/policy.js';
import { holderName, holderOf, type QuotaRecord } from '../quotas/holders.js';
import { inReach, type PersonPlace, shanghaiTime } from './policy.js';

/** The checks a nomination passes before it is written (service.ts), each with its field and key. */

/** Nominations open: the class is published and its deadline has not passed. */
export function assertOpen(record: { status: string; nominationDeadline: Date | null }): void {
  if (record.status !== 'published') throw AppError.field('CONFLICT', 'classId', 'nominations_not_open');
  if (record.nominationDeadline && record.nominationDeadline.getTime() < Date.now())
    throw AppError.field(
      'CONFLICT',
      'classId',
      'nomination_deadline_passed',
      shanghaiTime(record.nominationDeadline),
    );
}

/** The quota a nomination names: required when the class has quotas, and one of them. */
export function pickQuota(quotas: QuotaRecord[], quotaId: string | null): QuotaRecord | null {
  if (quotas.length === 0) {
    if (quotaId) throw AppError.field('VALIDATION_FAILED', 'quotaId', 'quota_not_found');
    return null;
  }
  if (!quotaId) throw AppError.field('VALIDATION_FAILED', 'quotaId', 'quota_required');
  const quota = quotas.find((q) => q.id === quotaId);
  if (!quota) throw AppError.field('VALIDATION_FAILED', 'quotaId', 'quota_not_found');
  return quota;
}

/** The person works within the nominator's places (403, audited) and under the quota's holder. */
export function assertInScope(
  ctx: RequestContext,
  places: NominatorPlaces,
  quota: QuotaRecord,
  person: PersonPlace,
  action: string,
): void {
  if (!inReach(places, person))
    throw new AppError('FORBIDDEN', {
      fields: [{ path: 'personId', key: 'person_outside_scope' }],
      details: { action, entityType: 'person', entityId: person.id },
    });
  if (!holderCovers(holderOf(quota), person))
    throw AppError.field(
      'VALIDATION_FAILED',
      'personId',
      'person_outside_quota',
      holderName(quota, ctx.locale),
    );
}

/** Only serving people are nominated (not transferred or retired ones). */
export function assertServing(person: PersonPlace): void {
  if (person.status !== 'serving') throw AppError.field('CONFLICT', 'personId', 'person_not_serving');
}

/** Serving, and not already nominated (submitted, approved or waitlisted) to the class. */
export async function assertNominable(tx: Executor, classId: string, person: PersonPlace): Promise<void> {
  assertServing(person);
  const [active] = await tx
    .select({ id: nominations.id })
    .from(nominations)
    .where(
      and(
        eq(nominations.classId, classId),
        eq(nominations.personId, person.id),
        inArray(nominations.status, [...ACTIVE_NOMINATION_STATUSES]),
      ),
    )
    .limit(1);
  if (active) throw AppError.field('CONFLICT', 'personId', 'already_nominated');
}

/** Of the quotas covering a person, the narrowest: a unit before a region, deeper before higher. */
export function mostSpecific(quotas: QuotaRecord[]): QuotaRecord | null {
  const depth = (q: QuotaRecord) =>
    q.unitId ? 100 + (q.unitPath?.length ?? 0) : (q.regionCode ?? '').replace(/(00)+$/, '').length;
  return [...quotas].sort((a, b) => depth(b) - depth(a))[0] ?? null;
}
