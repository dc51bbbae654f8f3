import {
  type ClassEventView,
  type ClassMode,
  type ClassStatus,
  type ClassView,
  classActionSchema,
  classStatusSchema,
} from '@ganxun/domain';
import type { ClassDetail } from './describe.js';
import type { ClassService } from './service.js';

/** Class → API shape: the row with names, planned hours in force, counters and the reader's abilities. */
export function presentClass(detail: ClassDetail): ClassView {
  const { row } = detail;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    kindName: detail.kindName,
    topics: row.topics,
    leadOrganiser: detail.leadOrganiser,
    coOrganisers: detail.coOrganisers,
    hostInstitution: detail.hostInstitution,
    cityCode: row.cityCode,
    cityName: detail.cityName,
    venue: row.venue,
    mode: row.mode as ClassMode,
    startDate: row.startDate,
    endDate: row.endDate,
    plannedHours: detail.plannedHours,
    plannedHoursSet: detail.plannedHoursSet,
    capacity: row.capacity,
    targetAudience: row.targetAudience,
    nominationDeadline: row.nominationDeadline?.toISOString() ?? null,
    selfRegistration: row.selfRegistration,
    waitlist: row.waitlist,
    director: detail.director,
    assistants: detail.assistants,
    budget: row.budget,
    tags: row.tags,
    description: row.description,
    status: row.status as ClassStatus,
    cancelReason: row.cancelReason,
    planItemId: row.planItemId,
    clonedFrom: row.clonedFrom,
    seatsTaken: detail.seatsTaken,
    enrolled: detail.enrolled,
    actions: detail.actions,
    canEdit: detail.canEdit,
    canNominate: detail.canNominate,
    canApprove: detail.canApprove,
    canManageRoster: detail.canManageRoster,
    canRegister: detail.canRegister,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

type EventRow = Awaited<ReturnType<ClassService['events']>>[number];

/** Timeline event → API shape (`fields`: what an 'updated' event changed). */
export function presentClassEvent(e: EventRow): ClassEventView {
  const fields = (e.detail as { fields?: unknown } | null)?.fields;
  return {
    id: e.id,
    at: e.at.toISOString(),
    kind: e.kind,
    // Other modules write events too (quotas): a value outside the contract shows as null.
    action: classActionSchema.safeParse(e.action).data ?? null,
    fromStatus: classStatusSchema.safeParse(e.fromStatus).data ?? null,
    toStatus: classStatusSchema.safeParse(e.toStatus).data ?? null,
    reason: e.reason,
    actorName: e.actorName,
    ...(Array.isArray(fields) ? { fields: fields.map(String) } : {}),
  };
}
