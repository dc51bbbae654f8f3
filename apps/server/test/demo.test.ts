import { parseIdNumber } from '@ganxun/domain';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, units } from '../src/db/schema/index.js';
import { HUBEI_CITIES } from '../src/demo/directory.js';
import { loadDemo } from '../src/demo/index.js';
import { systemContext } from '../src/platform/context.js';
import { createTestContext, type TestContext } from './helpers.js';

describe('ganxun demo', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('loads the seeds’ story once: 17 Hubei cities, Enshi and Jianggan units, a few hundred valid people', async () => {
    const first = await loadDemo(t.services, t.database, systemContext('test'));
    expect(first).toMatch(/people/);
    const [u] = await t.database.db.select({ n: count() }).from(units);
    const [p] = await t.database.db.select({ n: count() }).from(people);
    expect(Number(u?.n)).toBeGreaterThan(2 * HUBEI_CITIES.length);
    expect(Number(p?.n)).toBeGreaterThanOrEqual(200);

    // Every demo ID number is valid and agrees with the stored birth date and gender.
    const rows = await t.database.db.select().from(people);
    for (const row of rows) {
      const parsed = parseIdNumber(t.services.cipher.decrypt(row.idNumberEnc));
      expect(parsed.ok, row.name).toBe(true);
      if (parsed.ok) {
        expect(parsed.info.birthDate).toBe(row.birthDate);
        expect(parsed.info.gender).toBe(row.gender);
      }
    }
    // The people the seeds name are there, in their units.
    const [yao] = await t.database.db
      .select({ unit: units.name })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(eq(people.name, '姚洪华'));
    expect(yao?.unit).toBe('杭州市江干区闸弄口街道办事处');

    // Loading again changes nothing.
    await loadDemo(t.services, t.database, systemContext('test'));
    const [p2] = await t.database.db.select({ n: count() }).from(people);
    expect(Number(p2?.n)).toBe(Number(p?.n));
  });
});
