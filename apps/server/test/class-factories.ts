import { type ClassStatus, classCode } from '@ganxun/domain';
import type { Database } from '../src/db/client.js';
import { classes, classQuotas } from '../src/db/schema/index.js';
import { makeUnit } from './directory-factories.js';

let sequence = 0;

export interface ClassOverrides {
  name?: string;
  kind?: string;
  status?: ClassStatus;
  leadOrganiserId?: string;
  coOrganiserIds?: string[];
  hostInstitutionId?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  capacity?: number | null;
  nominationDeadline?: Date | null;
  selfRegistration?: boolean;
  waitlist?: boolean;
  directorId?: string | null;
  assistantIds?: string[];
  tags?: string[];
}

/**
 * A class inserted directly (published, nominations open for a week, in Enshi unless told
 * otherwise), for tests of the modules that hang off a class. The classes module's own tests create
 * classes through the API.
 */
export async function makeClass(database: Database, overrides: ClassOverrides = {}) {
  sequence += 1;
  const leadOrganiserId =
    overrides.leadOrganiserId ?? (await makeUnit(database, { type: 'party_school' })).id;
  const startDate = overrides.startDate === undefined ? '2030-03-10' : overrides.startDate;
  const [row] = await database.db
    .insert(classes)
    .values({
      code: `${classCode(2030, sequence)}-${Math.random().toString(36).slice(2, 8)}`,
      year: Number((startDate ?? '2030').slice(0, 4)),
      name: overrides.name ?? `测试班次${sequence}`,
      kind: overrides.kind ?? 'seminar',
      leadOrganiserId,
      coOrganiserIds: overrides.coOrganiserIds ?? [],
      hostInstitutionId: overrides.hostInstitutionId ?? null,
      startDate,
      endDate: overrides.endDate === undefined ? '2030-03-11' : overrides.endDate,
      capacity: overrides.capacity === undefined ? 300 : overrides.capacity,
      nominationDeadline:
        overrides.nominationDeadline === undefined
          ? new Date(Date.now() + 7 * 86_400_000)
          : overrides.nominationDeadline,
      selfRegistration: overrides.selfRegistration ?? false,
      waitlist: overrides.waitlist ?? false,
      directorId: overrides.directorId ?? null,
      assistantIds: overrides.assistantIds ?? [],
      tags: overrides.tags ?? [],
      status: overrides.status ?? 'published',
    })
    .returning();
  if (!row) throw new Error('class not inserted');
  return row;
}

/** A quota of a class for a region or a unit, inserted directly. */
export async function makeQuota(
  database: Database,
  classId: string,
  holder: { regionCode: string } | { unitId: string },
  seats: number,
) {
  const [row] = await database.db
    .insert(classQuotas)
    .values({
      classId,
      regionCode: 'regionCode' in holder ? holder.regionCode : null,
      unitId: 'unitId' in holder ? holder.unitId : null,
      seats,
    })
    .returning();
  if (!row) throw new Error('quota not inserted');
  return row;
}
