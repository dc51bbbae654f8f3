import { parseIdNumber, type ScheduleItem, timetableConflicts } from '@ganxun/domain';
import { and, count, countDistinct, eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classes,
  classQuotas,
  classSessionLecturers,
  classSessions,
  enrollments,
  lecturers,
  nominations,
  people,
  plans,
  questionVotes,
  sessionQuestions,
  timetableChanges,
  timetables,
  units,
  users,
  venues,
} from '../src/db/schema/index.js';
import { PAIRING_TAG } from '../src/demo/classes-story.js';
import { HUBEI_CITIES } from '../src/demo/directory.js';
import { loadDemo } from '../src/demo/index.js';
import { LEADERSHIP_CLASS_NAME, LECTURER_USERNAME } from '../src/demo/timetable.js';
import { findingKey } from '../src/modules/sessions/conflicts.js';
import { systemContext } from '../src/platform/context.js';
import { createTestContext, signIn, type TestContext } from './helpers.js';

describe('ganxun demo', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  // The whole demo, loaded twice: ~20 s on an idle machine, more on a busy CI runner.
  it('loads the seeds’ story once: 17 Hubei cities, Enshi and Jianggan units, a few hundred valid people', {
    timeout: 180_000,
  }, async () => {
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

  it('lays the timetables: the seeds’ two-day class, a week in three Zhejiang cities, living classes — no double booking', async () => {
    const db = t.database.db;
    const [covid] = await db
      .select()
      .from(classes)
      .where(like(classes.name, '市县党政干部新冠肺炎疫情防控%'));
    const covidItems = await db
      .select()
      .from(classSessions)
      .where(eq(classSessions.classId, covid?.id ?? ''))
      .orderBy(classSessions.startsAt);
    expect(covidItems.map((i) => i.type)).toEqual([
      'ceremony_open',
      'lecture',
      'lecture',
      'experience',
      'live',
      'qa',
      'discussion',
      'ceremony_close',
    ]);
    expect(covidItems[0]?.startsAt.toISOString()).toBe('2022-01-13T01:00:00.000Z'); // 09:00 in Wuhan
    const online = await db.select().from(venues).where(eq(venues.kind, 'online_room'));
    expect(covidItems.find((i) => i.type === 'live')?.venueId).toBe(online[0]?.id);

    // Every item of the demo, judged as the server judges them: no errors anywhere, and the one
    // travel warning (Hangzhou → 枫桥 over lunch) acknowledged at publication.
    const rows = await db.select().from(classSessions);
    const links = await db.select().from(classSessionLecturers);
    const classRows = await db.select().from(classes);
    const venueRows = await db.select().from(venues);
    const active = await db
      .select({ classId: enrollments.classId, groupId: enrollments.groupId, n: count() })
      .from(enrollments)
      .where(eq(enrollments.status, 'enrolled'))
      .groupBy(enrollments.classId, enrollments.groupId);
    const classOf = new Map(classRows.map((c) => [c.id, c]));
    const venueOf = new Map(venueRows.map((v) => [v.id, v]));
    const audience = (classId: string, groups: string[] | null) => {
      const of = active.filter((a) => a.classId === classId);
      if (of.length === 0) return classOf.get(classId)?.capacity ?? 0;
      return of.filter((a) => !groups || groups.includes(a.groupId ?? '')).reduce((n, a) => n + a.n, 0);
    };
    const items: ScheduleItem[] = rows.map((r) => ({
      id: r.id,
      classId: r.classId,
      start: r.startsAt.getTime(),
      end: r.endsAt.getTime(),
      venueId: r.venueId,
      lecturerIds: links.filter((l) => l.sessionId === r.id).map((l) => l.lecturerId),
      groupIds: r.groupIds,
      cityCode:
        (r.venueId ? venueOf.get(r.venueId)?.cityCode : null) ?? classOf.get(r.classId)?.cityCode ?? null,
      audience: audience(r.classId, r.groupIds),
    }));
    const venueInfo = new Map(venueRows.map((v) => [v.id, { id: v.id, name: v.name, capacity: v.capacity }]));
    const found = [...new Set(items.map((i) => i.classId))].flatMap((classId) => {
      const c = classOf.get(classId);
      return timetableConflicts(
        items.filter((i) => i.classId === classId),
        items.filter((i) => i.classId !== classId),
        {
          classDates: c?.startDate && c.endDate ? { startDate: c.startDate, endDate: c.endDate } : null,
          venues: venueInfo,
          defaultTravelMinutes: 120,
        },
      );
    });
    expect(found.filter((f) => f.severity === 'error')).toEqual([]);
    const warnings = found.filter((f) => f.severity === 'warning');
    expect(warnings.map((w) => w.kind)).toEqual(['travel_time']);
    const [week] = await db.select().from(classes).where(eq(classes.name, LEADERSHIP_CLASS_NAME));
    expect(week?.status).toBe('nominations_closed');
    expect(warnings[0] && items.find((i) => i.id === warnings[0]?.itemId)?.classId).toBe(week?.id);
    const [weekTable] = await db
      .select()
      .from(timetables)
      .where(eq(timetables.classId, week?.id ?? ''));
    expect(weekTable?.status).toBe('published');
    expect(weekTable?.acknowledged).toEqual(warnings.map(findingKey));

    // The week: seven days, field teaching in three cities, discussions in groups, 刘红玉 enrolled.
    const weekItems = items.filter((i) => i.classId === week?.id);
    const sites = new Set(
      rows
        .filter((r) => r.classId === week?.id && r.type === 'field')
        .map((r) => venueOf.get(r.venueId ?? '')?.cityCode),
    );
    expect(sites).toEqual(new Set(['330681', '330127', '330402']));
    expect(weekItems.some((i) => i.groupIds !== null)).toBe(true);
    const [liu] = await db
      .select({ n: count() })
      .from(enrollments)
      .innerJoin(people, eq(people.id, enrollments.personId))
      .where(and(eq(enrollments.classId, week?.id ?? ''), eq(people.name, '刘红玉')));
    expect(liu?.n).toBe(1);

    // Published: the seeds' class, the week, the class in progress, the online class; one draft.
    const states = await db.select().from(timetables);
    expect(states.filter((s) => s.status === 'published')).toHaveLength(4);
    expect(states.filter((s) => s.status === 'draft')).toHaveLength(1);
    const published = await db.select().from(timetableChanges).where(eq(timetableChanges.kind, 'published'));
    expect(published).toHaveLength(4);

    // 刘振华 of the pool is a person with a user account.
    const [teacher] = await db
      .select({ username: users.username })
      .from(lecturers)
      .innerJoin(people, eq(people.id, lecturers.personId))
      .innerJoin(users, eq(users.id, people.userId))
      .where(eq(lecturers.name, '刘振华'));
    expect(teacher?.username).toBe(LECTURER_USERNAME);

    // Loading again adds nothing.
    await loadDemo(t.services, t.database, systemContext('test'));
    const [again] = await db.select({ n: count() }).from(classSessions);
    expect(again?.n).toBe(rows.length);
  });

  it("carries the Enshi ↔ Jianggan pairing whose figures are the seed's, told in both scripts", async () => {
    const { db } = t.database;
    const [enshi] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'enshi.org'));
    const client = await signIn(t, { user: { id: enshi?.id as string } });
    const pairings = (await client.get('/api/v1/partnerships?q=%E6%81%A9%E6%96%BD')).json();
    const pairing = pairings.items.find((p: { name: string }) => p.name === '恩施市—江干区东西部协作');
    expect(pairing?.directions.map((d: { name: string }) => d.name)).toEqual([
      '恩施市 → 江干区',
      '江干区 → 恩施市',
    ]);

    const stats = await client.get(
      `/api/v1/stats/secondments?partnershipId=${pairing.id}&fromYear=2018&toYear=2020&groupBy=direction,category,specialty`,
    );
    expect(stats.statusCode, stats.body).toBe(200);
    const figures = Object.fromEntries(
      stats
        .json()
        .rows.map((r: { direction: string; category: string; specialty: string | null; people: number }) => [
          `${r.direction}:${r.category}:${r.specialty ?? '-'}`,
          r.people,
        ]),
    );
    expect(figures).toEqual({
      'a_to_b:cadre:-': 13,
      'a_to_b:professional:education': 58,
      'a_to_b:professional:medical': 69,
      'b_to_a:cadre:-': 3,
      'b_to_a:professional:agriculture': 14,
      'b_to_a:professional:education': 45,
      'b_to_a:professional:medical': 23,
    });

    const tw = (
      await client.get(`/api/v1/partnerships/${pairing.id}/narrative?script=zh-TW&fromYear=2018&toYear=2020`)
    ).json();
    expect(tw.sentences).toEqual([
      '2018年至2020年，恩施市選派黨政幹部13名、專業技術人才127名（其中醫生69名、教師58名）赴江干區掛職交流。',
      '江干區選派黨政幹部3名、專業技術人才82名（其中醫生23名、教師45名、農業專家14名）赴恩施市掛職交流。',
      '兩地聯合舉辦領導幹部培訓班7期、培訓750人次，舉辦專業技術人才培訓班30期、培訓1584人次。',
    ]);

    // The living terms raise their alerts; the extension waits for another admin than its requester.
    const alerts = (await client.get(`/api/v1/secondments/alerts?partnershipId=${pairing.id}`)).json();
    expect(alerts).toEqual({ ending_soon: 1, return_overdue: 1, start_overdue: 0 });
  });

  it("keeps hubei.org's shared reports, whose figures are the seeds'", async () => {
    const { db } = t.database;
    const [hubei] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'hubei.org'));
    const [enshi] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'enshi.org'));
    // Shared: the Enshi admin runs them too, over Enshi's own scope.
    const client = await signIn(t, { user: { id: enshi?.id as string } });
    const saved = (await client.get('/api/v1/stats/saved-reports')).json().items as {
      id: string;
      name: string;
    }[];
    expect(saved).toHaveLength(3);
    const province = await signIn(t, { user: { id: hubei?.id as string } });
    const series = saved.find((r) => r.name.includes('思想破冰'));
    const run = (await province.get(`/api/v1/stats/saved-reports/${series?.id}/run`)).json();
    expect(run.totals).toMatchObject({ classes: 17, personTimes: 2510 });
    expect(run.rows.length).toBeGreaterThanOrEqual(17);
    const pairing = saved.find((r) => r.name.includes('结对'));
    const joint = (await client.get(`/api/v1/stats/saved-reports/${pairing?.id}/run`)).json();
    expect(joint.totals).toMatchObject({ classes: 37, personTimes: 750 + 1584 });
    // The series' year as the seed tells it: completed, evaluated.
    const dashboard = (await province.get('/api/v1/stats/dashboard?from=2021-01-01&to=2021-12-31')).json();
    expect(dashboard.kpis.completionRate).toBeGreaterThan(0.9);
    expect(dashboard.kpis.satisfaction).toBeGreaterThan(4.5);
  });

  it('puts live questions on the boards: the 2022 Q&A in the class summary and brief, moderated boards open', async () => {
    const { db } = t.database;
    const account = async (username: string) => {
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
      return signIn(t, { user: { id: u?.id as string } });
    };
    const [covid] = await db
      .select()
      .from(classes)
      .where(like(classes.name, '市县党政干部新冠肺炎疫情防控%'));
    const covidId = covid?.id as string;
    const qs = await db.select().from(sessionQuestions).where(eq(sessionQuestions.classId, covidId));
    expect(qs).toHaveLength(14);
    expect(qs.filter((q) => q.anonymous).every((q) => q.authorName === null && q.authorUserId === null)).toBe(
      true,
    );
    expect(
      qs.filter((q) => q.status === 'answered_in_writing').every((q) => (q.answer ?? '').length > 40),
    ).toBe(true);
    const hidden = qs.filter((q) => q.status === 'hidden');
    expect(hidden).toHaveLength(1);
    expect(hidden[0]?.hiddenReason).toBeTruthy();
    const merged = qs.find((q) => q.status === 'merged');
    expect(qs.find((q) => q.id === merged?.mergedInto)?.status).toBe('answered');
    // Every counter is its votes; nobody votes for their own question.
    const votes = await db
      .select({ q: questionVotes.questionId, voter: questionVotes.voterHash })
      .from(questionVotes)
      .where(
        inArray(
          questionVotes.questionId,
          qs.map((q) => q.id),
        ),
      );
    for (const q of qs) {
      const own = votes.filter((v) => v.q === q.id);
      expect(own, q.text).toHaveLength(q.votes);
      expect(own.some((v) => v.voter === q.authorHash)).toBe(false);
    }

    const hubei = await account('hubei.org');
    const summary = (await hubei.get(`/api/v1/reports/classes/${covidId}/summary`)).json();
    expect(summary.questions.totals).toMatchObject({ questions: 12, answered: 9, answeredShare: 0.75 });
    expect(summary.questions.items.map((i: { title: string }) => i.title)).toEqual([
      '互动答疑：疫情防控政策与应急指挥',
    ]);
    const brief = (await hubei.get(`/api/v1/reports/classes/${covidId}/brief`)).json() as {
      paragraphs: { text: string }[];
    };
    expect(brief.paragraphs.map((p) => p.text).join('')).toContain(
      '互动答疑环节，学员共提出问题12个，其中9个得到现场或书面解答。',
    );

    // The class in progress: an open, moderated board with work for its director.
    const board = async (username: string, className: string, title: string) => {
      const [s] = await db
        .select({ id: classSessions.id, classId: classSessions.classId })
        .from(classSessions)
        .innerJoin(classes, eq(classes.id, classSessions.classId))
        .where(and(like(classes.name, className), eq(classSessions.title, title)));
      const res = await (await account(username)).get(
        `/api/v1/classes/${s?.classId}/sessions/${s?.id}/questions`,
      );
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        open: boolean;
        moderation: boolean;
        moderator: boolean;
        questions: { status: string; mine: boolean; text: string }[];
      };
    };
    const running = await board(
      'enshi.bzr',
      '恩施市卫生健康系统管理干部能力提升班%',
      '卫生应急管理与风险管控',
    );
    expect(running).toMatchObject({ open: true, moderation: true, moderator: true });
    expect(running.questions.filter((q) => q.status === 'pending')).toHaveLength(2);
    // The pairing's week: 刘红玉's own question waits for approval, and she sees it as hers.
    const week = await board('liuhongyu', LEADERSHIP_CLASS_NAME, '东西部协作与共同富裕');
    expect(week).toMatchObject({ open: true, moderator: false });
    expect(week.questions.filter((q) => q.mine).map((q) => q.status)).toEqual(['pending']);

    // Loading again adds nothing.
    const [before] = await db.select({ n: count() }).from(sessionQuestions);
    await loadDemo(t.services, t.database, systemContext('test'));
    const [after] = await db.select({ n: count() }).from(sessionQuestions);
    expect(after?.n).toBe(before?.n);
  });
});
