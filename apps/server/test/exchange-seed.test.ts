import type { PartnershipView, SecondmentImportResult, SecondmentStatsView } from '@ganxun/domain';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, people, secondments } from '../src/db/schema/index.js';
import { makeUnit } from './directory-factories.js';
import {
  EXCHANGE_SEED_ROWS,
  EXCHANGE_SEED_UNITS,
  exchangeSeedXlsx,
  importUpload,
} from './exchange-seed-fixture.js';
import { makeUser } from './factories.js';
import { type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * "Done when" of issue 7: an org admin of 恩施市 sets up the seed's pairing (pairing and units),
 * loads its three years of secondments from one xlsx (preview, then commit), and the statistics
 * and the generated narrative reproduce the seed's totals — 13 cadres and 127 professionals (69
 * doctors, 58 teachers) from Enshi, 3 and 82 (23, 45, 14) from Jianggan — with 江干區 in the
 * Traditional narrative, never 江乾區. The same file a second time is refused, all or nothing.
 */

let t: TestContext;
let enshi: Client;
let pairing: PartnershipView;
let file: Buffer;

const secondmentCount = async () =>
  Number((await t.database.db.select({ n: count() }).from(secondments))[0]?.n ?? 0);
const peopleCount = async () => Number((await t.database.db.select({ n: count() }).from(people))[0]?.n ?? 0);

const upload = (dryRun: boolean) =>
  enshi.request(
    'POST',
    '/api/v1/secondments/imports',
    ...(Object.values(importUpload(file, { partnershipId: pairing.id, dryRun: String(dryRun) })) as [
      Buffer,
      Record<string, string>,
    ]),
  );

beforeAll(async () => {
  t = await createTestContext();
  enshi = await signIn(
    t,
    await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: '422801' }] }),
  );
  // Enshi's units through the API; Jianggan's inserted (330104 was abolished in 2021, and the
  // units API creates no unit in an abolished region).
  const ids = new Map<string, string>();
  for (const u of EXCHANGE_SEED_UNITS) {
    const parentId = u.parent ? (ids.get(u.parent) as string) : null;
    if (u.side === 'a') {
      const res = await enshi.post('/api/v1/units', {
        name: u.name,
        type: u.type,
        regionCode: '422801',
        parentId,
      });
      expect(res.statusCode, res.body).toBe(201);
      ids.set(u.name, res.json().id);
    } else {
      ids.set(
        u.name,
        (await makeUnit(t.database, { name: u.name, type: u.type, regionCode: '330104', parentId })).id,
      );
    }
  }
  const res = await enshi.post('/api/v1/partnerships', {
    name: '恩施市—江干区东西部扶贫协作',
    programme: 'east_west',
    sideA: { regionCode: '422801' },
    sideB: { regionCode: '330104' },
    startYear: 2018,
    endYear: 2020,
  });
  expect(res.statusCode, res.body).toBe(201);
  pairing = res.json();
  file = await exchangeSeedXlsx();
}, 60_000);
afterAll(async () => t.close());

describe('the seed pairing loaded from an xlsx', () => {
  it('previews every row without errors and writes nothing', async () => {
    const before = { secondments: await secondmentCount(), people: await peopleCount() };
    const res = await upload(true);
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(200);
    const body: SecondmentImportResult = res.json();
    const errors = body.rows.filter((r) => r.outcome === 'error');
    expect(errors.slice(0, 5)).toEqual([]);
    expect(body).toMatchObject({
      dryRun: true,
      committed: false,
      summary: { rows: EXCHANGE_SEED_ROWS.length, create: EXCHANGE_SEED_ROWS.length, error: 0 },
    });
    expect(body.summary.newPeople).toBe(EXCHANGE_SEED_ROWS.length);
    expect(body.rows.find((r) => r.personName === '姚洪华')).toMatchObject({
      newPerson: true,
      direction: 'b_to_a',
      category: 'cadre',
      specialty: null,
      plannedStart: '2018-04-10',
    });
    expect(await secondmentCount()).toBe(before.secondments);
    expect(await peopleCount()).toBe(before.people);
  }, 120_000);

  it('commits all rows in one go, audited once with the counts', async () => {
    const res = await upload(false);
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, committed: true, summary: { error: 0 } });
    expect(await secondmentCount()).toBe(EXCHANGE_SEED_ROWS.length);
    const audits = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'secondment.import'));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.detail).toMatchObject({ rows: 225, created: 225, newPeople: 225 });
    // History: actual dates make the terms completed.
    const statuses = await t.database.db.selectDistinct({ status: secondments.status }).from(secondments);
    expect(statuses.map((s) => s.status)).toEqual(['completed']);
  }, 120_000);

  it('reproduces the seed figures in the statistics (people, by direction, category, specialty)', async () => {
    const res = await enshi.get(
      `/api/v1/stats/secondments?partnershipId=${pairing.id}&fromYear=2018&toYear=2020&basis=started&groupBy=direction,category,specialty`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const stats: SecondmentStatsView = res.json();
    const people = (direction: string, category: string, specialty: string | null) =>
      stats.rows
        .filter(
          (r) => r.direction === direction && r.category === category && (r.specialty ?? null) === specialty,
        )
        .reduce((n, r) => n + r.people, 0);
    expect(people('a_to_b', 'cadre', null)).toBe(13);
    expect(people('a_to_b', 'professional', 'medical')).toBe(69);
    expect(people('a_to_b', 'professional', 'education')).toBe(58);
    expect(people('b_to_a', 'cadre', null)).toBe(3);
    expect(people('b_to_a', 'professional', 'medical')).toBe(23);
    expect(people('b_to_a', 'professional', 'education')).toBe(45);
    expect(people('b_to_a', 'professional', 'agriculture')).toBe(14);
    expect(stats.totals).toEqual({ people: 225, personTimes: 225 });
  });

  it('writes the narrative from the figures, with 江干區 in Traditional (never 江乾區)', async () => {
    const tw = await enshi.get(`/api/v1/partnerships/${pairing.id}/narrative?script=zh-TW`);
    expect(tw.statusCode, tw.body).toBe(200);
    const text = (tw.json().sentences as string[]).join('');
    expect(text).toContain(
      '恩施市選派黨政幹部13名、專業技術人才127名（其中醫生69名、教師58名）赴江干區掛職交流',
    );
    expect(text).toContain(
      '江干區選派黨政幹部3名、專業技術人才82名（其中醫生23名、教師45名、農業專家14名）赴恩施市掛職交流',
    );
    expect(text).not.toContain('江乾');
    const cn = await enshi.get(`/api/v1/partnerships/${pairing.id}/narrative?script=zh-CN`);
    expect((cn.json().sentences as string[]).join('')).toContain(
      '恩施市选派党政干部13名、专业技术人才127名（其中医生69名、教师58名）赴江干区挂职交流',
    );
  });

  it('refuses the same file a second time: overlapping terms, nothing written', async () => {
    const before = { secondments: await secondmentCount(), people: await peopleCount() };
    const res = await upload(false);
    expect(res.statusCode).toBe(400);
    const result: SecondmentImportResult = res.json().error.details.result;
    expect(result.committed).toBe(false);
    expect(result.summary.error).toBe(EXCHANGE_SEED_ROWS.length);
    expect(result.summary.newPeople).toBe(0);
    expect(result.rows[0]?.errors).toContainEqual(
      expect.objectContaining({ column: '身份证号', field: 'personId' }),
    );
    expect(await secondmentCount()).toBe(before.secondments);
    expect(await peopleCount()).toBe(before.people);
  }, 120_000);
});
