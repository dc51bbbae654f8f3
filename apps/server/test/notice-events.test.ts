import type { Role } from '@ganxun/domain';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certificates,
  completionResults,
  leaveRequests,
  nominations,
  noticeDeliveries,
  noticeRecipients,
  notices,
} from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol, makeSession } from './session-factories.js';

/**
 * Event notices (issue 9 item 5): each module's change raises its notice, in its transaction, to the
 * accounts concerned — nomination decided, timetable published again with changes, leave decided,
 * certificate issued.
 */

let t: TestContext;
let unitId: string;

async function as(role: Role, scopeId: string | null = null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return { user, client: await signIn(t, user) };
}

async function trainee() {
  return (await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] })).user.id;
}

/** The notices of a kind each user received (inbox rows), with their words. */
async function received(kind: string, userIds: string[]) {
  return t.database.db
    .select({
      userId: noticeRecipients.userId,
      title: notices.title,
      body: notices.body,
      link: notices.link,
      texts: notices.texts,
      id: notices.id,
    })
    .from(noticeRecipients)
    .innerJoin(notices, eq(notices.id, noticeRecipients.noticeId))
    .where(and(eq(notices.kind, kind), inArray(noticeRecipients.userId, userIds)));
}

beforeAll(async () => {
  t = await createTestContext();
  unitId = (await makeUnit(t.database, { regionCode: '422801' })).id;
});
afterAll(async () => t.close());

describe('event notices', () => {
  it('nomination approved / rejected: the nominees’ accounts', async () => {
    const school = await makeUnit(t.database, { type: 'party_school', regionCode: '422801' });
    const klass = await makeClass(t.database, { leadOrganiserId: school.id, name: '基层治理能力提升班' });
    const officer = (await as('training_officer', school.id)).client;
    const [yes, no] = [await trainee(), await trainee()];
    const withoutAccount = await makePerson(t.services, t.database, unitId);
    const people = [
      await makePerson(t.services, t.database, unitId, { userId: yes }),
      await makePerson(t.services, t.database, unitId, { userId: no }),
    ];
    const rows = await t.database.db
      .insert(nominations)
      .values(
        [...people, withoutAccount].map((p) => ({
          classId: klass.id,
          personId: p.id,
          status: 'submitted' as const,
        })),
      )
      .returning({ id: nominations.id });
    const url = `/api/v1/classes/${klass.id}/nominations/decisions`;
    const approve = await officer.post(url, { ids: [rows[0]?.id, rows[2]?.id], decision: 'approve' });
    expect(approve.statusCode, approve.body).toBe(200);
    const reject = await officer.post(url, { ids: [rows[1]?.id], decision: 'reject', reason: '名额已满' });
    expect(reject.statusCode, reject.body).toBe(200);

    const approved = await received('nomination_approved', [yes, no]);
    expect(approved).toMatchObject([{ userId: yes, title: '报名已通过', link: '/my-classes' }]);
    expect(approved[0]?.body).toContain('基层治理能力提升班');
    const rejected = await received('nomination_rejected', [yes, no]);
    expect(rejected).toMatchObject([{ userId: no, title: '报名未通过' }]);
    expect(rejected[0]?.body).toContain('名额已满');
    // Email deliveries queued with it (skipped here: no address, no SMTP in tests).
    const deliveries = await t.database.db
      .select()
      .from(noticeDeliveries)
      .where(eq(noticeDeliveries.noticeId, approved[0]?.id as string));
    expect(deliveries).toMatchObject([{ userId: yes, channel: 'email', status: 'skipped' }]);
  });

  it('timetable changed: every trainee when a published timetable is published again with changes', async () => {
    const { user: directorUser, client: director } = await as('class_director');
    const klass = await makeClass(t.database, { directorId: directorUser.user.id, name: '乡村振兴专题班' });
    const users = [await trainee(), await trainee()];
    for (const userId of users) await enrol(t.services, t.database, klass.id, unitId, { userId });
    const outsider = await trainee();
    const item = await makeSession(t.database, klass.id, { title: '专题讲座：乡村振兴' });
    const publish = async () => {
      const url = `/api/v1/classes/${klass.id}/timetable/publish`;
      let res = await director.post(url, {});
      if (res.statusCode === 409 && res.json().error.details?.conflicts)
        res = await director.post(url, {
          acknowledge: res.json().error.details.conflicts.map((c: { key: string }) => c.key),
        });
      expect(res.statusCode, res.body).toBe(200);
    };
    await publish();
    expect(await received('timetable_changed', users)).toEqual([]);
    // Published once: nothing to announce. Now a change, then publishing again.
    const moved = await director.patch(`/api/v1/classes/${klass.id}/sessions/${item.id}`, {
      version: 1,
      startsAt: '2030-03-10T14:30:00+08:00',
      endsAt: '2030-03-10T16:30:00+08:00',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await publish();
    const got = await received('timetable_changed', [...users, outsider]);
    expect(got.map((g) => g.userId).sort()).toEqual([...users].sort());
    expect(got[0]?.title).toBe('课程表调整');
    expect(got[0]?.body).toContain('专题讲座：乡村振兴 03-10 09:00 → 03-10 14:30');
    // Published again without changes: no new notice.
    await publish();
    expect(await received('timetable_changed', users)).toHaveLength(2);
  });

  it('leave decided: the trainee who asked', async () => {
    const { user: directorUser, client: director } = await as('class_director');
    const klass = await makeClass(t.database, { directorId: directorUser.user.id, status: 'in_progress' });
    const userId = await trainee();
    const { enrollment } = await enrol(t.services, t.database, klass.id, unitId, { userId });
    const [request] = await t.database.db
      .insert(leaveRequests)
      .values({
        classId: klass.id,
        enrollmentId: enrollment.id,
        requestedBy: userId,
        kind: 'days',
        days: ['2030-03-10'],
        reason: '因病就医',
        hours: 2,
      })
      .returning();
    const res = await director.post(`/api/v1/leave-requests/${request?.id}/decision`, {
      decision: 'reject',
      comment: '课程重要',
    });
    expect(res.statusCode, res.body).toBe(200);
    const got = await received('leave_decided', [userId]);
    expect(got).toMatchObject([{ userId, title: '请假审批结果', link: '/my-leave' }]);
    expect(got[0]?.body).toContain('未获批准');
    // The decision is worded in each language; the class's name stays as stored.
    expect(got[0]?.texts?.['zh-TW']?.body).toBe(`您在「${klass.name}」的請假申請未獲批准。`);
    expect(got[0]?.texts?.en?.body).toBe(`Your leave request in "${klass.name}" was not approved.`);
  });

  it('incident raised: the severity in each language, the title as written', async () => {
    const { user: directorUser, client: director } = await as('class_director');
    const assistant = (await as('class_director')).user.user.id;
    const klass = await makeClass(t.database, {
      directorId: directorUser.user.id,
      assistantIds: [assistant],
      status: 'in_progress',
      name: '乡村振兴专题班',
    });
    t.services.incidents.clock = () => new Date('2030-03-10T10:05:00+08:00');
    const res = await director.post(`/api/v1/classes/${klass.id}/incidents`, {
      occurredAt: '2030-03-10T10:00:00+08:00',
      type: 'illness_injury',
      severity: 'high',
      title: '学员现场教学途中受伤',
      description: '一名学员扭伤脚踝。',
      affectedEnrollmentIds: [],
    });
    expect(res.statusCode, res.body).toBe(201);
    const [got] = await received('incident_raised', [assistant]);
    expect(got?.body).toBe('“乡村振兴专题班”报告了重大突发事件：学员现场教学途中受伤');
    expect(got?.texts?.['zh-TW']?.body).toBe('「乡村振兴专题班」報告了重大突發事件：学员现场教学途中受伤');
    expect(got?.texts?.en?.body).toBe('"乡村振兴专题班" reported a major incident: 学员现场教学途中受伤');
  });

  it('certificate issued: each holder, with the number', async () => {
    const host = await makeUnit(t.database, { type: 'party_school', regionCode: '422801' });
    const { user: directorUser } = await as('class_director');
    const officer = (await as('training_officer', host.id)).client;
    const klass = await makeClass(t.database, {
      directorId: directorUser.user.id,
      hostInstitutionId: host.id,
      leadOrganiserId: host.id,
      status: 'completed',
      name: '年轻干部培训班',
    });
    const userId = await trainee();
    const { enrollment } = await enrol(t.services, t.database, klass.id, unitId, { userId });
    await t.database.db.insert(completionResults).values({
      enrollmentId: enrollment.id,
      classId: klass.id,
      completed: true,
      decidedBy: 'rules',
      reasons: [],
      hours: 16,
    });
    const res = await officer.post(`/api/v1/classes/${klass.id}/certificates/issue`, {});
    expect(res.statusCode, res.body).toBe(200);
    const number = res.json().items[0].number as string;
    const got = await received('certificate_issued', [userId]);
    expect(got).toMatchObject([{ userId, title: '结业证书已颁发', link: '/my-certificates' }]);
    expect(got[0]?.body).toContain(number);
  });

  it('certificate issued by completion confirmation (结业确认): each new holder once, with the number', async () => {
    const { user: directorUser, client: director } = await as('class_director');
    const klass = await makeClass(t.database, {
      directorId: directorUser.user.id,
      status: 'in_progress',
      name: '年轻干部专题班',
    });
    const session = await makeSession(t.database, klass.id, { hours: 2 });
    const users = [await trainee(), await trainee()];
    const enrolled: Awaited<ReturnType<typeof enrol>>[] = [];
    for (const userId of users)
      enrolled.push(await enrol(t.services, t.database, klass.id, unitId, { userId }));
    // A trainee without an account is certified too, but has no inbox to tell.
    enrolled.push(await enrol(t.services, t.database, klass.id, unitId));
    t.services.attendance.clock = () => new Date('2030-03-12T09:00:00+08:00');
    const marks = await director.post(`/api/v1/classes/${klass.id}/attendance/marks`, {
      sessionId: session.id,
      marks: enrolled.map((e) => ({ enrollmentId: e.enrollment.id, status: 'present' })),
    });
    expect(marks.statusCode, marks.body).toBe(200);
    const rules = await director.put(`/api/v1/classes/${klass.id}/completion-rules`, {
      evaluationsRequired: false,
      reflectionRequired: false,
    });
    expect(rules.statusCode, rules.body).toBe(200);
    const confirm = () => director.post(`/api/v1/classes/${klass.id}/completion/confirm`);
    const first = await confirm();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ completed: 3, certificatesIssued: 3 });

    const got = await received('certificate_issued', users);
    expect(got.map((g) => g.userId).sort()).toEqual([...users].sort());
    const issued = await t.database.db
      .select({ personId: certificates.personId, number: certificates.number })
      .from(certificates)
      .where(eq(certificates.classId, klass.id));
    for (const [i, userId] of users.entries()) {
      const number = issued.find((c) => c.personId === enrolled[i]?.person.id)?.number as string;
      const mine = got.find((g) => g.userId === userId);
      expect(mine).toMatchObject({ title: '结业证书已颁发', link: '/my-certificates' });
      expect(mine?.body).toBe(`您在“年轻干部专题班”的结业证书（编号${number}）已颁发。`);
    }
    // Email queued with the inbox copy, in the same transaction.
    const deliveries = await t.database.db
      .select()
      .from(noticeDeliveries)
      .where(
        inArray(
          noticeDeliveries.noticeId,
          got.map((g) => g.id),
        ),
      );
    expect(deliveries).toHaveLength(2);

    // Confirming again issues nothing new, so tells nobody again.
    const second = await confirm();
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json()).toMatchObject({ certificatesIssued: 0 });
    expect(await received('certificate_issued', users)).toHaveLength(2);
  });
});
