import { type CreatePersonBody, idCheckChar, levelOfCode, type UnitType } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import type { Services } from '../src/app.js';
import type { Database } from '../src/db/client.js';
import { people, regions, units } from '../src/db/schema/index.js';
import { type PersonRow, personColumns } from '../src/modules/people/record.js';

let counter = 0;
const next = () => {
  counter += 1;
  return counter;
};

/**
 * A valid 18-character ID number for a birth date and gender, unique within the test run
 * (the sequence digits vary; the region is Enshi city by default).
 */
export function makeIdNumber(
  birthDate = '1985-06-15',
  gender: 'male' | 'female' = 'male',
  region = '422801',
): string {
  // Sequence digits 000–999 carry the gender in their parity: 500 distinct numbers per birth date,
  // gender and region within one test file (each file has its own database).
  const seq = ((next() % 500) * 2 + (gender === 'male' ? 1 : 0)) % 1000;
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

/** Makes sure a region row exists (the seed normally provides it). */
export async function ensureRegion(database: Database, code: string, name = `地区${code}`): Promise<void> {
  const level = levelOfCode(code);
  const parentCode =
    level === 'province'
      ? null
      : level === 'prefecture'
        ? `${code.slice(0, 2)}0000`
        : `${code.slice(0, 4)}00`;
  await database.db
    .insert(regions)
    .values({ code, name, nameZhTw: name, level, parentCode, source: 'test' })
    .onConflictDoNothing();
}

export interface UnitOverrides {
  name?: string;
  type?: UnitType;
  regionCode?: string;
  parentId?: string | null;
  uscc?: string | null;
}

/** A unit inserted directly (valid path from its parent), in Enshi city unless told otherwise. */
export async function makeUnit(database: Database, overrides: UnitOverrides = {}) {
  const regionCode = overrides.regionCode ?? '422801';
  await ensureRegion(database, regionCode);
  let parentPath = '/';
  if (overrides.parentId) {
    const [parent] = await database.db.select().from(units).where(eq(units.id, overrides.parentId));
    if (!parent) throw new Error('parent unit not found');
    parentPath = parent.path;
  }
  const id = crypto.randomUUID();
  const [row] = await database.db
    .insert(units)
    .values({
      id,
      name: overrides.name ?? `测试单位${next()}${Math.random().toString(36).slice(2, 5)}`,
      type: overrides.type ?? 'party_government',
      regionCode,
      parentId: overrides.parentId ?? null,
      uscc: overrides.uscc ?? null,
      path: `${parentPath}${id}/`,
    })
    .returning();
  if (!row) throw new Error('unit not inserted');
  return row;
}

export type PersonOverrides = Partial<CreatePersonBody> & { userId?: string | null };

/** A valid person input (ID number consistent with birth date and gender) in the given unit. */
export function personInput(unitId: string, overrides: Partial<CreatePersonBody> = {}): CreatePersonBody {
  const birthDate = overrides.birthDate ?? '1985-06-15';
  const gender = overrides.gender ?? 'male';
  return {
    name: `张测试${next()}`,
    gender,
    ethnicity: '01',
    birthDate,
    idNumber: makeIdNumber(birthDate, gender),
    mobile: null,
    politicalStatus: '01',
    education: null,
    unitId,
    post: null,
    rank: null,
    category: 'cadre',
    specialty: null,
    status: 'serving',
    requirementOverride: null,
    ...overrides,
  };
}

/** A person inserted directly (encrypted as the service would), for tests of other modules. */
export async function makePerson(
  services: Services,
  database: Database,
  unitId: string,
  overrides: PersonOverrides = {},
): Promise<PersonRow> {
  const { userId, ...rest } = overrides;
  const [row] = await database.db
    .insert(people)
    .values({ ...personColumns(services.cipher, personInput(unitId, rest)), userId: userId ?? null })
    .returning();
  if (!row) throw new Error('person not inserted');
  return row;
}
