import { parseIdNumber } from '@ganxun/domain';
import { and, count, countDistinct, eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classes,
  classQuotas,
  enrollments,
  lecturers,
  nominations,
  people,
  plans,
  units,
  venues,
} from '../src/db/schema/index.js';
import { PAIRING_TAG } from '../src/demo/classes-story.js';
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

    // The seeds' classes and their figures.
    const db = t.database.db;
    const [covid] = await db
      .select()
      .from(classes)
      .where(like(classes.name, '市县党政干部新冠肺炎疫情防控%'));
    expect(covid?.startDate).toBe('2022-01-13');
    expect(covid?.endDate).toBe('2022-01-14');
    const quotas = await db
      .select()
      .from(classQuotas)
      .where(eq(classQuotas.classId, covid?.id ?? ''));
    expect(quotas).toHaveLength(HUBEI_CITIES.length);
    expect(quotas.reduce((a, q) => a + q.seats, 0)).toBe(300);
    const [covidEnrolled] = await db
      .select({ n: count() })
      .from(enrollments)
      .where(eq(enrollments.classId, covid?.id ?? ''));
    expect(Number(covidEnrolled?.n)).toBeGreaterThan(280);
    const series = await db
      .select({
        classes: countDistinct(classes.id),
        personTimes: count(enrollments.id),
        people: countDistinct(enrollments.personId),
      })
      .from(classes)
      .innerJoin(enrollments, eq(enrollments.classId, classes.id))
      .where(like(classes.name, '以“思想破冰”引领高质量发展%'));
    expect(series[0]?.classes).toBe(17);
    expect(series[0]?.personTimes).toBe(2510);
    // People and person-times differ: cadres came back for several seminars.
    expect(Number(series[0]?.people)).toBeLessThan(2510);
    const pairing = await db
      .select({ kind: classes.kind, classes: countDistinct(classes.id), personTimes: count(enrollments.id) })
      .from(classes)
      .innerJoin(enrollments, eq(enrollments.classId, classes.id))
      .where(and(sql`${PAIRING_TAG} = any(${classes.tags})`, sql`${classes.startDate} < '2021-01-01'`))
      .groupBy(classes.kind)
      .orderBy(classes.kind);
    expect(pairing.map((r) => [r.kind, r.classes, r.personTimes])).toEqual([
      ['leadership', 7, 750],
      ['professional', 30, 1584],
    ]);
    // The living part: a published seminar whose quotas are never exceeded, a plan awaiting approval.
    const overfull = await db
      .select({ id: classQuotas.id })
      .from(classQuotas)
      .innerJoin(
        nominations,
        and(eq(nominations.quotaId, classQuotas.id), inArray(nominations.status, ['submitted', 'approved'])),
      )
      .groupBy(classQuotas.id, classQuotas.seats)
      .having(sql`count(*) > ${classQuotas.seats}`);
    expect(overfull).toEqual([]);
    const [waiting] = await db
      .select({ n: count() })
      .from(nominations)
      .where(eq(nominations.status, 'waitlisted'));
    expect(Number(waiting?.n)).toBe(2);
    const [submitted] = await db.select({ n: count() }).from(plans).where(eq(plans.status, 'submitted'));
    expect(Number(submitted?.n)).toBe(1);

    // The lecturer pool and the venues, with the pairing's field-teaching sites in three cities.
    const lecturerRows = await db.select().from(lecturers);
    expect(lecturerRows.length).toBeGreaterThanOrEqual(8);
    // Contacts are stored encrypted, with the masked form for lists.
    for (const r of lecturerRows.filter((x) => x.mobileEnc)) {
      const clear = t.services.cipher.decrypt(r.mobileEnc as string);
      expect(clear).toMatch(/^1\d{10}$/);
      expect(r.mobileEnc).not.toContain(clear);
      expect(r.mobileMasked).toBe(`${clear.slice(0, 3)}****${clear.slice(7)}`);
    }
    const sites = await db.select().from(venues).where(eq(venues.kind, 'field_site'));
    expect(new Set(sites.map((s) => s.cityCode?.slice(0, 4)))).toEqual(new Set(['3306', '3301', '3304']));

    // Loading again changes nothing.
    await loadDemo(t.services, t.database, systemContext('test'));
    const [p2] = await t.database.db.select({ n: count() }).from(people);
    expect(Number(p2?.n)).toBe(Number(p?.n));
  });
});
