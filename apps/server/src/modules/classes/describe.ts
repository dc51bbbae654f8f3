import {
  type ClassStatus,
  classActionsFrom,
  EDITABLE_CLASS_STATUSES,
  type ClassAction as LifecycleAction,
  plannedHours,
  SEAT_HOLDING_STATUSES,
} from '@ganxun/domain';
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  classQuotas,
  dictionaryItems,
  enrollments,
  nominations,
  people,
  regions,
  units,
  users,
} from '../../db/schema/index.js';
import type { RequestContext } from '../../platform/context.js';
import type { SettingsService } from '../settings/service.js';
import { type ClassPlace, mayUseQuota, type NominatorPlaces, type PlacedHolder, runs } from './policy.js';
import { CLASS_KIND_LIST } from './references.js';
import type { ClassRow } from './service.js';

export interface Ref {
  id: string;
  name: string;
}

/** A class with everything its view shows beside the row: names, counters, the reader's abilities. */
export interface ClassDetail {
  row: ClassRow;
  kindName: string | null;
  leadOrganiser: Ref;
  coOrganisers: Ref[];
  hostInstitution: Ref | null;
  cityName: string | null;
  director: Ref | null;
  assistants: Ref[];
  plannedHours: number | null;
  plannedHoursSet: boolean;
  seatsTaken: number;
  enrolled: number;
  actions: LifecycleAction[];
  canEdit: boolean;
  canNominate: boolean;
  canApprove: boolean;
  canManageRoster: boolean;
  canRegister: boolean;
}

/** Nomination statuses that keep a person from registering again. */
const ACTIVE_NOMINATION = ['submitted', 'approved', 'waitlisted'] as const;

/** Does a published class still take nominations (no deadline, or the deadline ahead)? */
export function takesNominations(
  row: Pick<ClassRow, 'status' | 'nominationDeadline'>,
  now = new Date(),
): boolean {
  return row.status === 'published' && (row.nominationDeadline === null || row.nominationDeadline > now);
}

const label = (
  locale: RequestContext['locale'],
  l: { labelZhCn: string; labelZhTw: string; labelEn: string },
) => (locale === 'zh-TW' ? l.labelZhTw : locale === 'en' ? l.labelEn : l.labelZhCn);

/**
 * Describes a page of classes with a fixed number of grouped queries whatever its size: organiser
 * units, kind labels, city names, staff names, seat and enrollment counts, the quotas (for
 * `canNominate`) and the reader's own person records (for `canRegister`).
 */
export async function describeClasses(
  deps: { db: Db; settings: SettingsService },
  ctx: RequestContext,
  places: NominatorPlaces,
  rows: ClassRow[],
): Promise<ClassDetail[]> {
  if (rows.length === 0) return [];
  const { db } = deps;
  const actor = ctx.actor;
  const ids = rows.map((r) => r.id);
  const unitIds = [
    ...new Set(
      rows.flatMap((r) => [
        r.leadOrganiserId,
        ...r.coOrganiserIds,
        ...(r.hostInstitutionId ? [r.hostInstitutionId] : []),
      ]),
    ),
  ];
  const userIds = [
    ...new Set(rows.flatMap((r) => [...(r.directorId ? [r.directorId] : []), ...r.assistantIds])),
  ];
  const cityCodes = [...new Set(rows.map((r) => r.cityCode).filter((c): c is string => !!c))];
  const mayRegister = !!actor?.permissions.has('class.register') && rows.some((r) => r.selfRegistration);
  const mayNominate = places.regionPrefixes.length > 0 || places.units.length > 0;

  const [unitRows, kinds, cities, staff, seats, enrolled, quotas, mine, settings] = await Promise.all([
    db
      .select({ id: units.id, name: units.name, path: units.path, regionCode: units.regionCode })
      .from(units)
      .where(inArray(units.id, unitIds)),
    db
      .select({
        code: dictionaryItems.code,
        labelZhCn: dictionaryItems.labelZhCn,
        labelZhTw: dictionaryItems.labelZhTw,
        labelEn: dictionaryItems.labelEn,
      })
      .from(dictionaryItems)
      .where(eq(dictionaryItems.dictionaryCode, CLASS_KIND_LIST)),
    cityCodes.length
      ? db
          .select({ code: regions.code, name: regions.name, nameZhTw: regions.nameZhTw })
          .from(regions)
          .where(inArray(regions.code, cityCodes))
      : Promise.resolve([]),
    userIds.length
      ? db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds))
      : Promise.resolve([]),
    db
      .select({ classId: nominations.classId, n: count() })
      .from(nominations)
      .where(and(inArray(nominations.classId, ids), inArray(nominations.status, [...SEAT_HOLDING_STATUSES])))
      .groupBy(nominations.classId),
    db
      .select({ classId: enrollments.classId, n: count() })
      .from(enrollments)
      .where(and(inArray(enrollments.classId, ids), eq(enrollments.status, 'enrolled')))
      .groupBy(enrollments.classId),
    mayNominate
      ? db
          .select({
            classId: classQuotas.classId,
            regionCode: classQuotas.regionCode,
            unitId: classQuotas.unitId,
            unitPath: units.path,
            unitRegion: units.regionCode,
          })
          .from(classQuotas)
          .leftJoin(units, eq(units.id, classQuotas.unitId))
          .where(inArray(classQuotas.classId, ids))
      : Promise.resolve([]),
    mayRegister && actor
      ? db
          .select({ classId: nominations.classId })
          .from(nominations)
          .innerJoin(people, eq(people.id, nominations.personId))
          .where(
            and(
              eq(people.userId, actor.id),
              inArray(nominations.classId, ids),
              inArray(nominations.status, [...ACTIVE_NOMINATION]),
            ),
          )
      : Promise.resolve([]),
    deps.settings.training(),
  ]);
  // Registering needs a person record of one's own; asked only when some class takes registrations.
  const hasPerson =
    mayRegister && actor
      ? (await db.select({ id: people.id }).from(people).where(eq(people.userId, actor.id)).limit(1)).length >
        0
      : false;

  const unitOf = new Map(unitRows.map((u) => [u.id, u]));
  const ref = (id: string): Ref => ({ id, name: unitOf.get(id)?.name ?? '' });
  const kindName = new Map(kinds.map((k) => [k.code, label(ctx.locale, k)]));
  const cityName = new Map(cities.map((c) => [c.code, ctx.locale === 'zh-TW' ? c.nameZhTw : c.name]));
  const staffName = new Map(staff.map((s) => [s.id, s.name]));
  const seatsOf = new Map(seats.map((s) => [s.classId, Number(s.n)]));
  const enrolledOf = new Map(enrolled.map((e) => [e.classId, Number(e.n)]));
  const holdersOf = new Map<string, PlacedHolder[]>();
  for (const q of quotas) {
    const holder: PlacedHolder | null = q.regionCode
      ? { kind: 'region', regionCode: q.regionCode }
      : q.unitId && q.unitPath && q.unitRegion
        ? { kind: 'unit', unitId: q.unitId, path: q.unitPath, regionCode: q.unitRegion }
        : null;
    if (holder) holdersOf.set(q.classId, [...(holdersOf.get(q.classId) ?? []), holder]);
  }
  const registered = new Set(mine.map((m) => m.classId));
  const now = new Date();

  return rows.map((row) => {
    const status = row.status as ClassStatus;
    const organiserIds = [
      row.leadOrganiserId,
      ...row.coOrganiserIds,
      ...(row.hostInstitutionId ? [row.hostInstitutionId] : []),
    ];
    const place: ClassPlace = {
      id: row.id,
      status,
      directorId: row.directorId,
      assistantIds: row.assistantIds,
      organisers: organiserIds.map((id) => unitOf.get(id)).filter((u) => u !== undefined),
    };
    const runsEdit = !!actor && runs(actor, 'edit', place);
    const open = takesNominations(row, now);
    const derived =
      row.startDate && row.endDate ? plannedHours(row.startDate, row.endDate, settings.hoursPerDay) : null;
    return {
      row,
      kindName: kindName.get(row.kind) ?? null,
      leadOrganiser: ref(row.leadOrganiserId),
      coOrganisers: row.coOrganiserIds.map(ref),
      hostInstitution: row.hostInstitutionId ? ref(row.hostInstitutionId) : null,
      cityName: row.cityCode ? (cityName.get(row.cityCode) ?? null) : null,
      director: row.directorId ? { id: row.directorId, name: staffName.get(row.directorId) ?? '' } : null,
      assistants: row.assistantIds.map((id) => ({ id, name: staffName.get(id) ?? '' })),
      plannedHours: row.plannedHours ?? derived,
      plannedHoursSet: row.plannedHours !== null,
      seatsTaken: seatsOf.get(row.id) ?? 0,
      enrolled: enrolledOf.get(row.id) ?? 0,
      actions: runsEdit ? classActionsFrom(status) : [],
      canEdit: runsEdit && EDITABLE_CLASS_STATUSES.includes(status),
      canNominate: open && (holdersOf.get(row.id) ?? []).some((h) => mayUseQuota(places, h)),
      canApprove: !!actor && runs(actor, 'approve', place),
      canManageRoster: !!actor && runs(actor, 'roster', place),
      canRegister: row.selfRegistration && open && hasPerson && !registered.has(row.id),
    };
  });
}
