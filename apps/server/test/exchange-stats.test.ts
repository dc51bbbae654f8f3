import type { JointClassStatsView, NarrativeView, Role, SecondmentStatsView } from '@ganxun/domain';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollments, partnershipClasses } from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makePartnership, makeSecondment } from './exchange-factories.js';
import { makeUser } from './factories.js';
import { type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Exchange statistics and the narrative (issue 7 items 5 and 6): people (人) against person-times
 * (人次), "started in the year" against "in post during the year", joint classes by kind, the
 * reader's scope, and the report sentences in both scripts.
 *
 * One pairing, 恩施市 (A) ↔ 江干区 (B):
 * - A, a cadre seconded twice A→B: 2019-03-01..2019-12-31 and 2020-03-01..2020-12-31 (completed);
 * - B, a doctor A→B in post from 2019-06-01 to (planned) 2021-05-31, at a Jianggan hospital;
 * - E, a teacher B→A, 2020-09-01..2021-01-31 (completed), at an Enshi school, form teaching;
 * - a planned and a cancelled term, which count for nothing.
 */

let t: TestContext;
let pairingId: string;
let hospitalId: string;
let enshiAdmin: Client;
let hubeiAdmin: Client;
let wuhanAdmin: Client;
let hospitalLiaison: Client;

async function as(role: Role, scopeId: string | null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return signIn(t, user);
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

const stats = async (client: Client, query: string) => {
  const res = await client.get(`/api/v1/stats/secondments?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as SecondmentStatsView;
};

beforeAll(async () => {
  t = await createTestContext();
  const pairing = await makePartnership(t.database, { startYear: 2018 });
  pairingId = pairing.id;
  const enshiHome = await makeUnit(t.database, { regionCode: '422801' });
  const enshiSchool = await makeUnit(t.database, { regionCode: '422801', type: 'school' });
  const jgHome = await makeUnit(t.database, { regionCode: '330104' });
  const jgOffice = await makeUnit(t.database, { regionCode: '330104' });
  const hospital = await makeUnit(t.database, { regionCode: '330104', type: 'hospital' });
  hospitalId = hospital.id;

  const personA = await makePerson(t.services, t.database, enshiHome.id);
  const personB = await makePerson(t.services, t.database, enshiHome.id, {
    category: 'professional',
    specialty: 'medical',
  });
  const personC = await makePerson(t.services, t.database, enshiHome.id);
  const personD = await makePerson(t.services, t.database, enshiHome.id);
  const personE = await makePerson(t.services, t.database, jgHome.id, {
    category: 'professional',
    specialty: 'education',
  });
  const aToB = { homeUnitId: enshiHome.id, hostUnitId: jgOffice.id };
  await makeSecondment(t.database, pairingId, personA.id, {
    ...aToB,
    plannedStart: '2019-03-01',
    plannedEnd: '2019-12-31',
    actualStart: '2019-03-01',
    actualEnd: '2019-12-31',
    status: 'completed',
  });
  await makeSecondment(t.database, pairingId, personA.id, {
    ...aToB,
    plannedStart: '2020-03-01',
    plannedEnd: '2020-12-31',
    actualStart: '2020-03-01',
    actualEnd: '2020-12-31',
    status: 'completed',
  });
  await makeSecondment(t.database, pairingId, personB.id, {
    homeUnitId: enshiHome.id,
    hostUnitId: hospital.id,
    form: 'medical',
    category: 'professional',
    specialty: 'medical',
    plannedStart: '2019-06-01',
    plannedEnd: '2021-05-31',
    actualStart: '2019-06-01',
    status: 'in_post',
  });
  await makeSecondment(t.database, pairingId, personC.id, {
    ...aToB,
    plannedStart: '2020-01-01',
    plannedEnd: '2020-12-31',
    status: 'planned',
  });
  await makeSecondment(t.database, pairingId, personD.id, {
    ...aToB,
    plannedStart: '2019-01-01',
    plannedEnd: '2019-12-31',
    status: 'cancelled',
  });
  await makeSecondment(t.database, pairingId, personE.id, {
    direction: 'b_to_a',
    homeUnitId: jgHome.id,
    hostUnitId: enshiSchool.id,
    form: 'teaching',
    category: 'professional',
    specialty: 'education',
    plannedStart: '2020-09-01',
    plannedEnd: '2021-01-31',
    actualStart: '2020-09-01',
    actualEnd: '2021-01-31',
    status: 'completed',
  });

  enshiAdmin = await as('org_admin', '422801');
  hubeiAdmin = await as('org_admin', '420000');
  wuhanAdmin = await as('org_admin', '420100');
  hospitalLiaison = await as('unit_liaison', hospital.id);
});

afterAll(async () => {
  await t?.close();
});

describe('GET /stats/secondments', () => {
  it('counts a person seconded twice as 1 person and 2 person-times', async () => {
    const view = await stats(
      enshiAdmin,
      `partnershipId=${pairingId}&fromYear=2019&toYear=2020&basis=started&groupBy=direction,category`,
    );
    expect(view.rows).toEqual([
      {
        direction: 'a_to_b',
        directionName: '恩施市 → 江干区',
        category: 'cadre',
        people: 1,
        personTimes: 2,
      },
      {
        direction: 'a_to_b',
        directionName: '恩施市 → 江干区',
        category: 'professional',
        people: 1,
        personTimes: 1,
      },
      {
        direction: 'b_to_a',
        directionName: '江干区 → 恩施市',
        category: 'professional',
        people: 1,
        personTimes: 1,
      },
    ]);
    // Planned and cancelled terms count for neither basis.
    expect(view.totals).toEqual({ people: 3, personTimes: 4 });
  });

  it('tells "started in the year" from "in post during the year"', async () => {
    const base = `partnershipId=${pairingId}&fromYear=2019&toYear=2021&groupBy=year`;
    const started = await stats(enshiAdmin, `${base}&basis=started`);
    expect(started.rows).toEqual([
      { year: 2019, people: 2, personTimes: 2 },
      { year: 2020, people: 2, personTimes: 2 },
    ]);
    expect(started.totals).toEqual({ people: 3, personTimes: 4 });

    // The doctor's term (2019-06 .. 2021-05) is in post in each of 2019, 2020 and 2021.
    const inPost = await stats(enshiAdmin, `${base}&basis=in_post`);
    expect(inPost.rows).toEqual([
      { year: 2019, people: 2, personTimes: 2 },
      { year: 2020, people: 3, personTimes: 3 },
      { year: 2021, people: 2, personTimes: 2 },
    ]);
    // People once over the range; person-times one per year in post.
    expect(inPost.totals).toEqual({ people: 3, personTimes: 7 });

    // Without the year dimension each term counts once over the range.
    const once = await stats(
      enshiAdmin,
      `partnershipId=${pairingId}&fromYear=2019&toYear=2021&basis=in_post`,
    );
    expect(once.rows).toEqual([{ people: 3, personTimes: 4 }]);
    expect(once.totals).toEqual({ people: 3, personTimes: 4 });

    const only2021 = await stats(
      enshiAdmin,
      `partnershipId=${pairingId}&fromYear=2021&toYear=2021&basis=in_post`,
    );
    expect(only2021.totals).toEqual({ people: 2, personTimes: 2 });
    const started2021 = await stats(
      enshiAdmin,
      `partnershipId=${pairingId}&fromYear=2021&toYear=2021&basis=started&groupBy=year`,
    );
    expect(started2021.rows).toEqual([]);
    expect(started2021.totals).toEqual({ people: 0, personTimes: 0 });
  });

  it('groups by host unit type, form and specialty', async () => {
    const q = `partnershipId=${pairingId}&fromYear=2019&toYear=2021`;
    const byType = await stats(enshiAdmin, `${q}&groupBy=hostUnitType`);
    expect(byType.rows).toEqual([
      { hostUnitType: 'hospital', people: 1, personTimes: 1 },
      { hostUnitType: 'party_government', people: 1, personTimes: 2 },
      { hostUnitType: 'school', people: 1, personTimes: 1 },
    ]);
    const byForm = await stats(enshiAdmin, `${q}&groupBy=form`);
    expect(byForm.rows).toEqual([
      { form: 'medical', people: 1, personTimes: 1 },
      { form: 'secondment', people: 1, personTimes: 2 },
      { form: 'teaching', people: 1, personTimes: 1 },
    ]);
    const bySpecialty = await stats(enshiAdmin, `${q}&groupBy=specialty`);
    expect(bySpecialty.rows).toEqual([
      { specialty: 'education', people: 1, personTimes: 1 },
      { specialty: 'medical', people: 1, personTimes: 1 },
      { specialty: null, people: 1, personTimes: 2 },
    ]);
  });

  it('names directions in the reader’s script', async () => {
    enshiAdmin.locale = 'zh-TW';
    try {
      const view = await stats(
        enshiAdmin,
        `partnershipId=${pairingId}&fromYear=2019&toYear=2021&groupBy=direction`,
      );
      expect(view.rows.map((r) => r.directionName)).toEqual(['恩施市 → 江干區', '江干區 → 恩施市']);
    } finally {
      enshiAdmin.locale = 'zh-CN';
    }
  });

  it('counts only what the reader reaches', async () => {
    const q = 'fromYear=2019&toYear=2021&basis=started';
    expect((await stats(enshiAdmin, q)).totals).toEqual({ people: 3, personTimes: 4 });
    expect((await stats(hubeiAdmin, q)).totals).toEqual({ people: 3, personTimes: 4 });
    expect((await stats(wuhanAdmin, q)).totals).toEqual({ people: 0, personTimes: 0 });
    const res = await wuhanAdmin.get(`/api/v1/stats/secondments?${q}&partnershipId=${pairingId}`);
    expect(res.statusCode).toBe(404);

    // The hospital's liaison sees the doctor they receive, and nothing else of the pairing.
    const liaison = await stats(hospitalLiaison, `${q}&partnershipId=${pairingId}&groupBy=hostUnitType`);
    expect(liaison.rows).toEqual([{ hostUnitType: 'hospital', people: 1, personTimes: 1 }]);
    const otherLiaison = await as('unit_liaison', (await makeUnit(t.database, { regionCode: '330104' })).id);
    expect((await stats(otherLiaison, q)).totals).toEqual({ people: 0, personTimes: 0 });
    expect(
      (await otherLiaison.get(`/api/v1/stats/secondments?${q}&partnershipId=${pairingId}`)).statusCode,
    ).toBe(404);

    const trainee = await as('trainee', null);
    expect((await trainee.get(`/api/v1/stats/secondments?${q}`)).statusCode).toBe(403);
    const unknown = await enshiAdmin.get(
      `/api/v1/stats/secondments?${q}&partnershipId=${crypto.randomUUID()}`,
    );
    expect(unknown.statusCode).toBe(404);
  });

  it.each([
    ['fromYear=2021&toYear=2019', 'toYear', 'end_before_start'],
    ['fromYear=1960&toYear=2021&basis=started', 'toYear', 'range_too_long'],
    ['toYear=2021', 'fromYear', 'invalid_type'],
    ['fromYear=2019&toYear=2021&basis=sometime', 'basis', 'invalid_value'],
    ['fromYear=2019&toYear=2021&groupBy=year,colour', 'groupBy.1', 'invalid_value'],
    ['fromYear=2019&toYear=2021&groupBy=year,year', 'groupBy', 'duplicate_dimension'],
    ['fromYear=2019&toYear=2021&groupBy=year,form,category,direction', 'groupBy', 'too_big'],
    ['fromYear=2019&toYear=2021&partnershipId=nope', 'partnershipId', 'invalid_format'],
  ])('refuses %s with a field error', async (query, path, code) => {
    const res = await enshiAdmin.get(`/api/v1/stats/secondments?${query}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(fields(res)).toContainEqual([`querystring.${path}`, code]);
  });
});

describe('GET /stats/joint-classes', () => {
  let leadership2020: string;

  beforeAll(async () => {
    const enshiUnit = await makeUnit(t.database, { regionCode: '422801' });
    const link = async (
      startDate: string,
      jointKind: 'leadership' | 'professional',
      enrolled: number,
      status: 'published' | 'cancelled' = 'published',
    ) => {
      const klass = await makeClass(t.database, { startDate, endDate: startDate, status });
      await t.database.db
        .insert(partnershipClasses)
        .values({ partnershipId: pairingId, classId: klass.id, jointKind });
      const ids: string[] = [];
      for (let i = 0; i < enrolled; i++) {
        const person = await makePerson(t.services, t.database, enshiUnit.id);
        await t.database.db.insert(enrollments).values({ classId: klass.id, personId: person.id });
        ids.push(person.id);
      }
      return { klass, ids };
    };
    const k1 = await link('2020-05-10', 'leadership', 3);
    leadership2020 = k1.klass.id;
    // A withdrawn trainee is not a person-time.
    const dropout = await makePerson(t.services, t.database, enshiUnit.id);
    await t.database.db
      .insert(enrollments)
      .values({ classId: k1.klass.id, personId: dropout.id, status: 'withdrawn' });
    // A 2021 leadership class with one trainee of the 2020 class again: 2 person-times, 1 new person.
    const k2 = await link('2021-04-01', 'leadership', 1);
    await t.database.db.insert(enrollments).values({ classId: k2.klass.id, personId: k1.ids[0] as string });
    await link('2020-08-01', 'professional', 2);
    await link('2020-10-01', 'professional', 5, 'cancelled');
    // A class not linked to the pairing.
    const loose = await makeClass(t.database, { startDate: '2020-06-01', endDate: '2020-06-02' });
    await t.database.db
      .insert(enrollments)
      .values({ classId: loose.id, personId: (await makePerson(t.services, t.database, enshiUnit.id)).id });
  });

  const joint = async (client: Client, query: string) => {
    const res = await client.get(`/api/v1/stats/joint-classes?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as JointClassStatsView;
  };

  it('splits leadership and professional classes with person-times and people', async () => {
    const byKind = await joint(
      enshiAdmin,
      `partnershipId=${pairingId}&fromYear=2020&toYear=2021&groupBy=kind`,
    );
    expect(byKind.rows).toEqual([
      { kind: 'leadership', classes: 2, personTimes: 5, people: 4 },
      { kind: 'professional', classes: 1, personTimes: 2, people: 2 },
    ]);
    expect(byKind.totals).toEqual({ classes: 3, personTimes: 7, people: 6 });
    const byYear = await joint(hubeiAdmin, 'fromYear=2020&toYear=2021&groupBy=year,kind');
    expect(byYear.rows).toEqual([
      { year: 2020, kind: 'leadership', classes: 1, personTimes: 3, people: 3 },
      { year: 2020, kind: 'professional', classes: 1, personTimes: 2, people: 2 },
      { year: 2021, kind: 'leadership', classes: 1, personTimes: 2, people: 2 },
    ]);
    expect(leadership2020).toBeTruthy();
  });

  it('counts only the pairings the reader reaches', async () => {
    const q = 'fromYear=2020&toYear=2021';
    expect((await joint(wuhanAdmin, q)).totals).toEqual({ classes: 0, personTimes: 0, people: 0 });
    expect(
      (await wuhanAdmin.get(`/api/v1/stats/joint-classes?${q}&partnershipId=${pairingId}`)).statusCode,
    ).toBe(404);
    // A liaison reads secondments, not pairings: no joint classes.
    expect((await joint(hospitalLiaison, q)).totals).toEqual({ classes: 0, personTimes: 0, people: 0 });
    const backwards = await enshiAdmin.get('/api/v1/stats/joint-classes?fromYear=2021&toYear=2020');
    expect(backwards.statusCode).toBe(400);
    expect(fields(backwards)).toContainEqual(['querystring.toYear', 'end_before_start']);
    const unknown = await enshiAdmin.get(
      '/api/v1/stats/joint-classes?fromYear=2020&toYear=2021&groupBy=kind,form',
    );
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown)).toContainEqual(['querystring.groupBy.1', 'invalid_value']);
  });

  describe('GET /partnerships/:id/narrative', () => {
    const narrative = async (client: Client, query: string) => {
      const res = await client.get(`/api/v1/partnerships/${pairingId}/narrative?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as NarrativeView;
    };

    it('writes the figures in Simplified Chinese', async () => {
      const view = await narrative(enshiAdmin, 'script=zh-CN&fromYear=2019&toYear=2021');
      expect(view.sentences).toEqual([
        '2019年至2021年，恩施市选派党政干部1名、专业技术人才1名（其中医生1名）赴江干区挂职交流。',
        '江干区选派专业技术人才1名（其中教师1名）赴恩施市挂职交流。',
        '两地联合举办领导干部培训班2期、培训5人次，举办专业技术人才培训班1期、培训2人次。',
      ]);
      expect(view.directions[0]).toMatchObject({
        direction: 'a_to_b',
        sendingLabel: '恩施市',
        receivingLabel: '江干区',
        cadres: 1,
        professionals: 1,
        bySpecialty: { medical: 1, education: 0, agriculture: 0, other: 0 },
      });
    });

    it('writes 江干區 in Traditional Chinese, never 江乾', async () => {
      const view = await narrative(hubeiAdmin, 'script=zh-TW&fromYear=2019&toYear=2021');
      expect(view.sentences[0]).toBe(
        '2019年至2021年，恩施市選派黨政幹部1名、專業技術人才1名（其中醫生1名）赴江干區掛職交流。',
      );
      expect(view.sentences[1]).toBe('江干區選派專業技術人才1名（其中教師1名）赴恩施市掛職交流。');
      expect(view.sentences.join('')).not.toContain('江乾');
      expect(view.directions[1]?.sendingLabel).toBe('江干區');
    });

    it('runs from the pairing’s start year up to today', async () => {
      t.services.exchangeStats.clock = () => new Date('2020-06-30T12:00:00+08:00');
      try {
        const view = await narrative(enshiAdmin, 'script=zh-CN');
        expect(view.sentences).toEqual([
          '2018年以来，恩施市选派党政干部1名、专业技术人才1名（其中医生1名）赴江干区挂职交流。',
          '江干区暂未选派干部人才赴恩施市挂职交流。',
          '两地联合举办领导干部培训班1期、培训3人次，举办专业技术人才培训班0期、培训0人次。',
        ]);
      } finally {
        t.services.exchangeStats.clock = () => new Date();
      }
    });

    it('is scoped and checks its input', async () => {
      expect((await wuhanAdmin.get(`/api/v1/partnerships/${pairingId}/narrative`)).statusCode).toBe(404);
      const liaison = await narrative(hospitalLiaison, 'fromYear=2019&toYear=2021');
      expect(liaison.directions.map((d) => [d.cadres, d.professionals])).toEqual([
        [0, 1],
        [0, 0],
      ]);
      expect(liaison.jointClasses.leadership.classes).toBe(0);
      const bad = await enshiAdmin.get(
        `/api/v1/partnerships/${pairingId}/narrative?fromYear=2021&toYear=2019`,
      );
      expect(bad.statusCode).toBe(400);
      expect(fields(bad)).toContainEqual(['querystring.toYear', 'end_before_start']);
      const script = await enshiAdmin.get(`/api/v1/partnerships/${pairingId}/narrative?script=en`);
      expect(fields(script)).toContainEqual(['querystring.script', 'invalid_value']);
      expect((await enshiAdmin.get(`/api/v1/partnerships/${crypto.randomUUID()}/narrative`)).statusCode).toBe(
        404,
      );
      expect(hospitalId).toBeTruthy();
    });
  });
});
