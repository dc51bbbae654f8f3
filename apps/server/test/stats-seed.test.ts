import type { DashboardView, ExportView, GeneratedDocument, ReportView } from '@ganxun/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from './factories.js';
import { type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { buildSeedYear, PROFESSIONAL_POOL, type SeedYear } from './stats-seed-fixture.js';

/**
 * Issue 8 "Done when": the seeds' figures built from data — a series of 17 seminars with 2,510
 * trainees (seed 000); a pairing with 7 leadership classes (750 person-times) and 30 professional
 * classes (1,584) (seed 004) — and the dashboard, the report builder, its xlsx and the generated
 * summary all state them.
 */

let t: TestContext;
let seed: SeedYear;
let hubei: Client;

const get = async <T>(client: Client, url: string) => {
  const res = await client.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};

beforeAll(async () => {
  t = await createTestContext();
  seed = await buildSeedYear(t.database);
  const user = await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: '420000' }] });
  hubei = await signIn(t, user);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('seed 000: 17 thematic seminars, 2,510 trained', () => {
  const series = () => `from=2021-01-01&to=2021-12-31&planItemId=${seed.planItemId}`;

  it('the report builder states them', async () => {
    const view = await get<ReportView>(
      hubei,
      `/api/v1/stats/report?measures=classes,people,personTimes&${series()}`,
    );
    expect(view.totals).toEqual({ classes: 17, people: 2510, personTimes: 2510 });
    const byRegion = await get<ReportView>(
      hubei,
      `/api/v1/stats/report?dimensions=region&measures=people&${series()}`,
    );
    // "来自全省17个市州"
    expect(byRegion.rows).toHaveLength(17);
  });

  it('the dashboard states them, and agrees with the report builder', async () => {
    const view = await get<DashboardView>(hubei, '/api/v1/stats/dashboard?from=2021-01-01&to=2021-12-31');
    expect(view.kpis).toMatchObject({ classes: 17, people: 2510, personTimes: 2510 });
    const report = await get<ReportView>(
      hubei,
      '/api/v1/stats/report?from=2021-01-01&to=2021-12-31&measures=classes,people,personTimes',
    );
    expect(report.totals).toEqual({ classes: 17, people: 2510, personTimes: 2510 });
    // The map's regions: the 17 cities, and their person-times add up to the total.
    expect(view.byRegion).toHaveLength(17);
    expect(view.byRegion.reduce((n, r) => n + r.personTimes, 0)).toBe(2510);
  });

  it('the generated annual summary states them, in the words of the seed', async () => {
    const doc = await get<GeneratedDocument>(hubei, '/api/v1/reports/annual-summary/document?year=2021');
    const text = doc.paragraphs.map((p) => p.text).join('\n');
    expect(text).toContain('共举办各类干部教育培训班17期');
    expect(text).toMatch(/系列专题研讨班17个，培训2510人/);
    const tw = await get<GeneratedDocument>(
      hubei,
      '/api/v1/reports/annual-summary/document?year=2021&script=zh-TW',
    );
    expect(tw.paragraphs.map((p) => p.text).join('')).toContain('共舉辦各類幹部教育培訓班17期');
  });

  it('a background export states them', async () => {
    const res = await hubei.post('/api/v1/exports', {
      kind: 'report',
      params: {
        measures: ['classes', 'people', 'personTimes'],
        from: '2021-01-01',
        to: '2021-12-31',
        planItemId: seed.planItemId,
      },
    });
    expect(res.statusCode, res.body).toBe(202);
    const job = res.json() as ExportView;
    while (await t.services.jobs.runOnce()) {}
    const file = await hubei.get(`/api/v1/exports/${job.id}/file`);
    expect(file.statusCode, file.body).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([17, 2510, 2510]);
  });

  it('the xlsx states them', async () => {
    const res = await hubei.get(`/api/v1/stats/report/xlsx?measures=classes,people,personTimes&${series()}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([17, 2510, 2510]);
  });
});

describe('seed 004: 7 leadership classes (750 person-times), 30 professional classes (1,584)', () => {
  const pairing = () => `from=2018-01-01&to=2020-12-31&partnershipId=${seed.partnershipId}`;

  it('the report builder states them, with people and person-times apart', async () => {
    const view = await get<ReportView>(
      hubei,
      `/api/v1/stats/report?dimensions=classKind&measures=classes,people,personTimes&${pairing()}`,
    );
    const byKind = Object.fromEntries(view.rows.map((r) => [r.keys[0]?.value, r.values]));
    expect(byKind.leadership).toEqual({ classes: 7, people: 750, personTimes: 750 });
    expect(byKind.professional).toEqual({ classes: 30, people: PROFESSIONAL_POOL, personTimes: 1584 });
    expect(view.totals).toEqual({ classes: 37, people: 750 + PROFESSIONAL_POOL, personTimes: 2334 });
  });

  it("the pairing's narrative states them", async () => {
    const narrative = await get<{ sentences: string[] }>(
      hubei,
      `/api/v1/partnerships/${seed.partnershipId}/narrative?fromYear=2018&toYear=2020`,
    );
    expect(narrative.sentences.join('')).toContain(
      '两地联合举办领导干部培训班7期、培训750人次，举办专业技术人才培训班30期、培训1584人次',
    );
  });
});
