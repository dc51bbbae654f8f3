import { type DashboardView, permissionsOf, type ReportView, type Role } from '@ganxun/domain';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classes, classSummaries, completionResults, enrollments } from '../src/db/schema/index.js';
import { certificateCount } from '../src/modules/dashboard/query.js';
import { rowsOf } from '../src/modules/quotas/holders.js';
import type { Actor } from '../src/platform/context.js';
import { makeClass } from './class-factories.js';
import { makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol, makeSession } from './session-factories.js';

/**
 * The per-class summary of the training fact (class_summaries, migration 0016) under every write
 * path that changes it — enrolment, attendance marks, withdrawal, completion confirmed and
 * overridden, a class's date, kind, organiser and status, an enrolment deleted and restored, a
 * class deleted — checked after each step two ways: the summary equals a plain recomputation from
 * the raw rows (enrolments, completion results, attendance RECORDS), and the dashboard's training
 * panels (which read the summary) equal the statistics engine's (which does not), for the province
 * and for 恩施州 (who runs only its own class and sees its own people in the provincial one).
 *
 * A: a provincial party school's class, in progress, 2030-03-10, two items: three Enshi and two
 *    Wuhan trainees. B: a class of Enshi's organisation department, published, 2030-04-10, two
 *    Enshi and one Wuhan trainee.
 */

let t: TestContext;
let hubei: Client;
let enshi: Client;
const actors = new Map<Client, Actor>();
let director: Client;
let directorId: string;
let classA: string;
let classB: string;
let wuhanOrg: string;
let enshiUnitId: string;
let wuhanUnitId: string;
let sessions: string[];
const a: { enrollmentId: string; personId: string }[] = [];
const b: { enrollmentId: string; personId: string }[] = [];

const PERIODS = [
  'from=2030-01-01&to=2030-12-31',
  'from=2030-01-01&to=2031-12-31',
  'from=2030-04-01&to=2030-04-30',
];

async function as(role: Role, scopeId: string | null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  const client = await signIn(t, user);
  actors.set(client, {
    id: user.user.id,
    username: user.user.username,
    displayName: user.user.displayName,
    roles: [{ role, scopeId }],
    permissions: permissionsOf([role]),
    sessionId: 'test',
  });
  return { id: user.user.id, client };
}

async function actorOf(client: Client): Promise<Actor> {
  const actor = actors.get(client);
  if (!actor) throw new Error('no actor');
  return actor;
}

async function ok(res: { statusCode: number; body: string }) {
  expect(res.statusCode, res.body).toBeLessThan(300);
}

/** The summary against the raw rows, class by class (a missing summary row is all zeros). */
async function summaryMatchesRawRows() {
  const raw = rowsOf<Record<string, unknown>>(
    await t.database.db.execute(sql`
      select c.id as class_id,
        (select count(*) from enrollments e where e.class_id = c.id and e.status = 'enrolled')::int as person_times,
        (select count(*) filter (where r.completed) from completion_results r where r.class_id = c.id)::int as completed,
        (select count(*) from completion_results r where r.class_id = c.id)::int as decided,
        (select coalesce(sum(r.hours) filter (where r.completed), 0) from completion_results r where r.class_id = c.id)::float8 as hours,
        (select count(*) filter (where a.status in ('present', 'late', 'left_early'))
           from attendance_records a where a.class_id = c.id)::int as attended,
        (select count(*) filter (where a.status is not null and a.status <> 'on_leave')
           from attendance_records a where a.class_id = c.id)::int as due,
        (select count(*) from certificates v where v.class_id = c.id and v.status = 'valid')::int as certificates
      from classes c`),
  );
  // A class's shards summed (and each shard the one of its enrolments, checked below).
  const kept = new Map(
    rowsOf<Record<string, unknown>>(
      await t.database.db.execute(sql`
        select class_id as "classId", sum(person_times)::int as "personTimes", sum(completed)::int as completed,
          sum(decided)::int as decided, sum(hours) as hours, sum(attended)::int as attended, sum(due)::int as due,
          sum(certificates)::int as certificates
        from class_summaries group by class_id`),
    ).map((s) => [String(s.classId), s]),
  );
  const zero = { personTimes: 0, completed: 0, decided: 0, hours: 0, attended: 0, due: 0, certificates: 0 };
  for (const r of raw) {
    const s = kept.get(String(r.class_id)) ?? { classId: r.class_id, ...zero };
    expect({ ...s, hours: Number(s.hours) }, `class ${r.class_id}`).toEqual({
      classId: r.class_id,
      personTimes: r.person_times,
      completed: r.completed,
      decided: r.decided,
      hours: Number(r.hours),
      attended: r.attended,
      due: r.due,
      certificates: r.certificates,
    });
  }
  // No summary outlives its class.
  const ids = new Set(raw.map((r) => String(r.class_id)));
  expect([...kept.keys()].filter((id) => !ids.has(id))).toEqual([]);
}

const get = async <T>(client: Client, url: string) => {
  const res = await client.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};

/** The dashboard's training panels against the engine's report for the same reader and period. */
async function dashboardAgreesWithEngine() {
  for (const client of [hubei, enshi]) {
    for (const period of PERIODS) {
      const view = await get<DashboardView>(client, `/api/v1/stats/dashboard?${period}`);
      const totals = (
        await get<ReportView>(
          client,
          `/api/v1/stats/report?${period}&measures=classes,people,personTimes,hours,attendanceRate,completionRate`,
        )
      ).totals;
      expect(view.kpis, period).toMatchObject(totals);
      const evaluation = await get<ReportView>(
        client,
        `/api/v1/stats/report?${period}&measures=satisfaction`,
      );
      expect(view.kpis.satisfaction, period).toBe(evaluation.totals.satisfaction ?? null);
      // Certificates against the plain count over their rows.
      const [from, to] = period.split('&').map((x) => x.split('=')[1] as string);
      const actor = await actorOf(client);
      expect(view.kpis.certificates, period).toBe(
        await certificateCount(t.database.db, actor, { from: from as string, to: to as string }),
      );
      const months = await get<ReportView>(
        client,
        `/api/v1/stats/report?${period}&dimensions=month,classKind&measures=classes,personTimes`,
      );
      expect(
        view.byMonth.map((r) => [r.month, r.classKind, r.classKindLabel, r.classes, r.personTimes]),
        period,
      ).toEqual(
        months.rows.map((r) => [
          r.keys[0]?.value,
          r.keys[1]?.value,
          r.keys[1]?.label,
          r.values.classes,
          r.values.personTimes,
        ]),
      );
      const regions = await get<ReportView>(
        client,
        `/api/v1/stats/report?${period}&dimensions=region&measures=people,personTimes`,
      );
      expect(
        view.byRegion.map((r) => [r.regionCode, r.name, r.people, r.personTimes]),
        period,
      ).toEqual(
        regions.rows.map((r) => [r.keys[0]?.value, r.keys[0]?.label, r.values.people, r.values.personTimes]),
      );
    }
  }
}

/** Every enrolment carries its person's unit's region now (migration 0017's triggers). */
async function regionsMatchUnits() {
  const stale = rowsOf<{ n: number }>(
    await t.database.db.execute(sql`select count(*)::int as n from enrollments e
      join people p on p.id = e.person_id join units u on u.id = p.unit_id
      where e.region_code is distinct from u.region_code`),
  );
  expect(stale[0]?.n).toBe(0);
}

async function check() {
  await regionsMatchUnits();
  await summaryMatchesRawRows();
  await dashboardAgreesWithEngine();
}

const marks = (sessionId: string, list: [string, string][]) =>
  director.post(`/api/v1/classes/${classA}/attendance/marks`, {
    sessionId,
    marks: list.map(([enrollmentId, status]) => ({ enrollmentId, status })),
  });

beforeAll(async () => {
  t = await createTestContext();
  t.services.attendance.clock = () => new Date('2030-03-12T09:00:00+08:00');
  const school = await makeUnit(t.database, { regionCode: '420000', type: 'party_school' });
  const enshiOrg = await makeUnit(t.database, { regionCode: '422801' });
  const enshiUnit = await makeUnit(t.database, { regionCode: '422801' });
  const wuhanUnit = await makeUnit(t.database, { regionCode: '420102' });
  enshiUnitId = enshiUnit.id;
  wuhanUnitId = wuhanUnit.id;
  wuhanOrg = (await makeUnit(t.database, { regionCode: '420102' })).id;
  const d = await as('class_director', null);
  director = d.client;
  directorId = d.id;
  hubei = (await as('org_admin', '420000')).client;
  enshi = (await as('org_admin', '422800')).client;

  const A = await makeClass(t.database, {
    leadOrganiserId: school.id,
    kind: 'seminar',
    startDate: '2030-03-10',
    endDate: '2030-03-11',
    status: 'in_progress',
    directorId,
  });
  const B = await makeClass(t.database, {
    leadOrganiserId: enshiOrg.id,
    kind: 'special',
    startDate: '2030-04-10',
    endDate: '2030-04-11',
    status: 'published',
  });
  classA = A.id;
  classB = B.id;
  sessions = [];
  for (const [from, to] of [
    ['2030-03-10T09:00:00+08:00', '2030-03-10T11:00:00+08:00'],
    ['2030-03-11T09:00:00+08:00', '2030-03-11T11:00:00+08:00'],
  ] as const)
    sessions.push((await makeSession(t.database, classA, { startsAt: from, endsAt: to, hours: 2 })).id);
  for (const unit of [enshiUnit.id, enshiUnit.id, enshiUnit.id, wuhanUnit.id, wuhanUnit.id]) {
    const { person, enrollment } = await enrol(t.services, t.database, classA, unit);
    a.push({ enrollmentId: enrollment.id, personId: person.id });
  }
  for (const unit of [enshiUnit.id, enshiUnit.id, wuhanUnit.id]) {
    const { person, enrollment } = await enrol(t.services, t.database, classB, unit);
    b.push({ enrollmentId: enrollment.id, personId: person.id });
  }
  // One Enshi person of A also in B (people once, person-times twice).
  const [again] = await t.database.db
    .insert(enrollments)
    .values({ classId: classB, personId: a[0]?.personId as string })
    .returning();
  b.push({ enrollmentId: again?.id as string, personId: a[0]?.personId as string });
});

afterAll(async () => {
  await t?.close();
});

const e = (list: typeof a, i: number) => list[i]?.enrollmentId as string;

describe('class_summaries (migration 0016) under every write path', () => {
  it('starts from the enrolments', async () => {
    await check();
    // Five enrolments, each counted in its own enrolment's shard.
    const shards = await t.database.db
      .select()
      .from(classSummaries)
      .where(eq(classSummaries.classId, classA));
    expect(shards.reduce((n, s) => n + s.personTimes, 0)).toBe(5);
    const expected = rowsOf<{ shard: number }>(
      await t.database.db.execute(
        sql`select (uuid_hash(id) & 15)::int as shard from enrollments where class_id = ${classA}`,
      ),
    ).map((r) => r.shard);
    expect(shards.map((s) => s.shard).sort()).toEqual([...new Set(expected)].sort());
  });

  it('follows attendance marks (on leave among them) and changed marks', async () => {
    await ok(
      await marks(sessions[0] as string, [
        [e(a, 0), 'present'],
        [e(a, 1), 'late'],
        [e(a, 2), 'absent'],
        [e(a, 3), 'on_leave'],
        [e(a, 4), 'left_early'],
      ]),
    );
    await check();
    await ok(
      await marks(sessions[1] as string, [
        [e(a, 0), 'present'],
        [e(a, 1), 'present'],
        [e(a, 2), 'present'],
        [e(a, 3), 'present'],
      ]),
    );
    await ok(await marks(sessions[0] as string, [[e(a, 2), 'present']]));
    await check();
  });

  it('follows a withdrawal (退学): its marks leave the figures, not the records', async () => {
    await ok(
      await director.post(`/api/v1/classes/${classA}/enrollments/${e(a, 1)}/withdraw`, {
        reason: '工作调动',
      }),
    );
    await check();
    // A mark written for the withdrawn enrolment afterwards changes nothing counted.
    await t.database.db.execute(
      sql`update attendance_records set status = 'absent' where enrollment_id = ${e(a, 1)} and session_id = ${sessions[1]}`,
    );
    await check();
  });

  it('follows completion confirmed, overridden and confirmed again', async () => {
    await ok(
      await director.put(`/api/v1/classes/${classA}/completion-rules`, {
        evaluationsRequired: false,
        reflectionRequired: false,
      }),
    );
    await ok(await director.post(`/api/v1/classes/${classA}/completion/confirm`, {}));
    const results = await t.database.db
      .select()
      .from(completionResults)
      .where(eq(completionResults.classId, classA));
    expect(results.length).toBeGreaterThan(0);
    await check();
    await ok(
      await director.put(`/api/v1/classes/${classA}/completion/${e(a, 0)}/override`, {
        completed: false,
        reason: '违反学员纪律',
      }),
    );
    await ok(await director.post(`/api/v1/classes/${classA}/completion/confirm`, {}));
    await check();
  });

  it('follows a trainee who moves to a unit in another city, and a unit that moves region', async () => {
    // A Wuhan trainee of A now works in Enshi: counted in 恩施州's region panel, by both readers.
    await ok(await hubei.patch(`/api/v1/people/${a[3]?.personId}`, { unitId: enshiUnitId }));
    await check();
    // The Wuhan unit itself moves to 利川市 (恩施州): its remaining trainee of A and B go with it.
    await ok(await hubei.patch(`/api/v1/units/${wuhanUnitId}`, { regionCode: '422802' }));
    await check();
    const moved = rowsOf<{ region_code: string }>(
      await t.database.db.execute(
        sql`select region_code from enrollments where person_id = ${a[4]?.personId as string}`,
      ),
    );
    expect(moved.map((r) => r.region_code)).toEqual(['422802']);
    // An application write cannot set the region apart from the unit's.
    await t.database.db
      .update(enrollments)
      .set({ regionCode: '110000' })
      .where(eq(enrollments.id, e(a, 4)));
    await check();
  });

  it("follows a class's date, kind and organiser, and its cancellation", async () => {
    await ok(
      await hubei.patch(`/api/v1/classes/${classB}`, { startDate: '2031-05-10', endDate: '2031-05-11' }),
    );
    await check();
    await ok(await hubei.patch(`/api/v1/classes/${classB}`, { kind: 'professional' }));
    await check();
    // Organised by a Wuhan unit: Enshi no longer runs B and sees only its own people in it.
    await ok(await hubei.patch(`/api/v1/classes/${classB}`, { leadOrganiserId: wuhanOrg }));
    await check();
    await ok(
      await hubei.patch(`/api/v1/classes/${classB}`, { startDate: '2030-04-10', endDate: '2030-04-11' }),
    );
    await check();
    await ok(await hubei.post(`/api/v1/classes/${classB}/transitions`, { action: 'cancel', reason: '疫情' }));
    await check();
  });

  it('follows an enrolment restored, deleted, and a class deleted', async () => {
    await t.database.db
      .update(enrollments)
      .set({ status: 'enrolled' })
      .where(eq(enrollments.id, e(a, 1)));
    await check();
    await t.database.db.delete(enrollments).where(eq(enrollments.id, e(a, 0)));
    await check();
    // Within one transaction: a result for an enrolment withdrawn later in it, then the class goes.
    await t.database.db.transaction(async (tx) => {
      await tx
        .update(completionResults)
        .set({ completed: true, hours: 9 })
        .where(eq(completionResults.enrollmentId, e(a, 2)));
      await tx
        .update(enrollments)
        .set({ status: 'withdrawn' })
        .where(eq(enrollments.id, e(a, 2)));
    });
    await check();
    await t.database.db.delete(classes).where(eq(classes.id, classA));
    await check();
    expect(
      await t.database.db.select().from(classSummaries).where(eq(classSummaries.classId, classA)),
    ).toEqual([]);
  });
});
