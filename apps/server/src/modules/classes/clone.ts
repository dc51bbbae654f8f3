import type { CloneClassBody, CreateClassBody } from '@ganxun/domain';
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { classEvents, classQuotas } from '../../db/schema/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { activeClassDirectors } from './references.js';
import type { ClassRecord, ClassRow } from './service.js';
import { insertClass } from './write.js';

/**
 * The body of a copy: the source's fields, a new name when given, and the given dates — none
 * otherwise (a copy is usually for another year; old dates would only mislead), so no deadline
 * either. Staff who are no longer active class directors are left out.
 */
export function cloneBody(
  source: ClassRecord,
  body: CloneClassBody,
  directors: Set<string>,
): CreateClassBody {
  return {
    name: body.name ?? source.name,
    kind: source.kind,
    topics: source.topics,
    leadOrganiserId: source.leadOrganiserId,
    coOrganiserIds: source.coOrganiserIds,
    hostInstitutionId: source.hostInstitutionId,
    cityCode: source.cityCode,
    venue: source.venue,
    mode: source.mode,
    startDate: body.startDate,
    endDate: body.endDate,
    plannedHours: source.plannedHours,
    capacity: source.capacity,
    targetAudience: source.targetAudience,
    nominationDeadline: null,
    selfRegistration: source.selfRegistration,
    waitlist: source.waitlist,
    directorId: source.directorId && directors.has(source.directorId) ? source.directorId : null,
    assistantIds: source.assistantIds.filter((id) => directors.has(id)),
    budget: source.budget,
    tags: source.tags,
    description: source.description,
  };
}

/**
 * Copies a class as a new draft with a fresh code (`clonedFrom` = the source), its quotas too when
 * asked (seats per holder, no nominations); a 'cloned' event on both classes.
 */
export async function cloneClass(
  tx: Tx,
  ctx: RequestContext,
  source: ClassRecord,
  body: CloneClassBody,
): Promise<ClassRow> {
  if (body.startDate && body.endDate && body.endDate < body.startDate)
    throw AppError.field('VALIDATION_FAILED', 'endDate', 'end_before_start');
  const directors = await activeClassDirectors(tx, [
    ...(source.directorId ? [source.directorId] : []),
    ...source.assistantIds,
  ]);
  const row = await insertClass(tx, ctx, cloneBody(source, body, directors), { clonedFrom: source.id });
  if (body.quotas) {
    const quotas = await tx
      .select()
      .from(classQuotas)
      .where(eq(classQuotas.classId, source.id))
      .orderBy(asc(classQuotas.sortOrder));
    if (quotas.length > 0)
      await tx.insert(classQuotas).values(
        quotas.map((q) => ({
          classId: row.id,
          regionCode: q.regionCode,
          unitId: q.unitId,
          seats: q.seats,
          weight: q.weight,
          sortOrder: q.sortOrder,
        })),
      );
  }
  await tx.insert(classEvents).values({
    classId: source.id,
    actorId: ctx.actor?.id ?? null,
    kind: 'cloned',
    detail: { to: row.id, code: row.code },
  });
  return row;
}
