import { type Permission, ROLE_PERMISSIONS, ROLES, type Role } from '@ganxun/domain';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollments, nominations, secondmentChanges } from '../src/db/schema/index.js';
import type { UserWithRoles } from '../src/modules/users/service.js';
import { makeClass, makeQuota } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makePartnership, makeSecondment } from './exchange-factories.js';
import { defaultScope, makeUser, uniqueName } from './factories.js';
import { auditOf, type Client, createTestContext, sessionIdOf, signIn, type TestContext } from './helpers.js';
import { upload } from './import-files.js';

let t: TestContext;
/** One signed-in account per role, with that role only. */
const holders = new Map<Role, { account: UserWithRoles; client: Client }>();
/** The account the table acts on, and a second one for disabling. */
let target: UserWithRoles;
let victim: UserWithRoles;
/**
 * The directory objects the table acts on: a unit in Enshi city (inside the org admin's Hubei;
 * the liaison's and the training officer's own unit) and a person working there. Every holder of
 * a directory permission reaches them, so the table shows the grant, not the scope.
 */
let home: { id: string };
let person: { id: string };
/**
 * A published open class organised by `home`, with a quota for it, directed by the class-director
 * holder, and the trainee holder's person record: every holder of a class permission reaches it.
 */
let openClass: { id: string };
let quota: { id: string };

beforeAll(async () => {
  t = await createTestContext();
  target = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
  victim = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
  home = await makeUnit(t.database, { regionCode: '422801' });
  person = await makePerson(t.services, t.database, home.id);
  for (const role of ROLES) {
    const account = await makeUser(t.services, t.database, {
      roles: [{ role, scopeId: await defaultScope(t.database, role, home.id) }],
    });
    holders.set(role, { account, client: await signIn(t, account) });
  }
  openClass = await makeClass(t.database, {
    leadOrganiserId: home.id,
    selfRegistration: true,
    directorId: holder('class_director').account.user.id,
  });
  quota = await makeQuota(t.database, openClass.id, { unitId: home.id }, 200);
  await makePerson(t.services, t.database, home.id, {
    birthDate: '1988-08-08',
    userId: holder('trainee').account.user.id,
  });
});

let nextBirth = 0;
/** A person in `home` with a fresh ID number (a birth date of their own). */
function freshPerson() {
  nextBirth += 1;
  const day = String(1 + (nextBirth % 28)).padStart(2, '0');
  return makePerson(t.services, t.database, home.id, {
    birthDate: `1970-0${1 + Math.floor(nextBirth / 28)}-${day}`,
  });
}
afterAll(async () => t.close());

function holder(role: Role) {
  const h = holders.get(role);
  if (!h) throw new Error(`no holder for ${role}`);
  return h;
}

interface Action {
  name: string;
  permission: Permission;
  /** The action name a denial is audited under. */
  audited: string;
  run(client: Client): Promise<LightMyRequestResponse>;
}

const label = { 'zh-CN': '测试班次', 'zh-TW': '測試班次', en: 'Test class kind' };

const ACTIONS: Action[] = [
  { name: 'list users', permission: 'user.read', audited: 'user.read', run: (c) => c.get('/api/v1/users') },
  {
    name: 'create user',
    permission: 'user.create',
    audited: 'user.create',
    run: (c) =>
      c.post('/api/v1/users', {
        username: uniqueName('new'),
        displayName: '新用户',
        password: 'Fresh-Start-2026',
      }),
  },
  {
    name: 'update user',
    permission: 'user.update',
    audited: 'user.update',
    run: (c) => c.patch(`/api/v1/users/${target.user.id}`, { displayName: '改名' }),
  },
  {
    name: 'disable user',
    permission: 'user.disable',
    audited: 'user.disable',
    run: (c) => c.patch(`/api/v1/users/${victim.user.id}`, { status: 'disabled' }),
  },
  {
    name: 'set roles',
    permission: 'role.assign',
    audited: 'user.roles.set',
    run: (c) => c.put(`/api/v1/users/${target.user.id}/roles`, { roles: [{ role: 'trainee' }] }),
  },
  {
    name: 'unlock',
    permission: 'user.unlock',
    audited: 'user.unlock',
    run: (c) => c.post(`/api/v1/users/${target.user.id}/unlock`),
  },
  {
    name: 'reset password',
    permission: 'user.resetPassword',
    audited: 'user.password.reset',
    run: (c) => c.post(`/api/v1/users/${target.user.id}/reset-password`, { newPassword: 'Temp-Reset-2026' }),
  },
  {
    name: 'reset TOTP',
    permission: 'user.resetPassword',
    audited: 'user.totp.reset',
    run: (c) => c.delete(`/api/v1/users/${target.user.id}/totp`),
  },
  {
    name: 'read audit',
    permission: 'audit.read',
    audited: 'audit.read',
    run: (c) => c.get('/api/v1/audit-events'),
  },
  {
    name: 'export audit',
    permission: 'audit.export',
    audited: 'audit.export',
    run: (c) => c.get('/api/v1/audit-events/export'),
  },
  {
    name: 'read settings',
    permission: 'settings.security.read',
    audited: 'settings.security.read',
    run: (c) => c.get('/api/v1/settings/security'),
  },
  {
    name: 'edit settings',
    permission: 'settings.security.edit',
    audited: 'settings.security.update',
    run: (c) => c.patch('/api/v1/settings/security', { lockoutMinutes: 30 }),
  },
  {
    name: 'list online sessions',
    permission: 'onlineSession.read',
    audited: 'session.read',
    run: (c) => c.get('/api/v1/online-sessions'),
  },
  {
    name: 'end a session',
    permission: 'onlineSession.revoke',
    audited: 'session.revoke',
    run: async (c) => {
      const other = await signIn(t, target);
      return c.delete(`/api/v1/online-sessions/${sessionIdOf(other)}`);
    },
  },
  {
    name: 'read dictionaries',
    permission: 'dictionary.read',
    audited: 'dictionary.read',
    run: (c) => c.get('/api/v1/dictionaries'),
  },
  {
    name: 'add dictionary item',
    permission: 'dictionary.edit',
    audited: 'dictionary.item.create',
    run: (c) => c.post('/api/v1/dictionaries/class_kind/items', { code: uniqueName('k'), label }),
  },
  // The directory (issue 3), on objects inside every holder's scope.
  {
    name: 'read a region',
    permission: 'region.read',
    audited: 'region.read',
    run: (c) => c.get('/api/v1/regions/420000'),
  },
  {
    name: 'update regions from a file (dry run)',
    permission: 'region.edit',
    audited: 'region.import',
    run: (c) => {
      const form = new FormData();
      form.append('dryRun', 'true');
      form.append('file', new Blob(['code,name\n422801,恩施市\n']), 'regions.csv');
      return c.request('POST', '/api/v1/regions/imports', form);
    },
  },
  {
    name: 'read a unit',
    permission: 'unit.read',
    audited: 'unit.read',
    run: (c) => c.get(`/api/v1/units/${home.id}`),
  },
  {
    name: 'add a unit',
    permission: 'unit.edit',
    audited: 'unit.create',
    run: (c) =>
      c.post('/api/v1/units', {
        name: uniqueName('科室'),
        type: 'party_government',
        regionCode: '422801',
        parentId: home.id,
      }),
  },
  {
    name: 'merge units',
    permission: 'unit.merge',
    audited: 'unit.merge',
    run: async (c) => {
      const source = await makeUnit(t.database, { parentId: home.id });
      const into = await makeUnit(t.database, { parentId: home.id });
      return c.post(`/api/v1/units/${source.id}/merge`, { targetId: into.id });
    },
  },
  {
    name: 'read a person',
    permission: 'person.read',
    audited: 'person.read',
    run: (c) => c.get(`/api/v1/people/${person.id}`),
  },
  {
    name: 'edit a person',
    permission: 'person.edit',
    audited: 'person.update',
    run: (c) => c.patch(`/api/v1/people/${person.id}`, { post: uniqueName('科员') }),
  },
  {
    name: 'reveal ID and mobile numbers',
    permission: 'person.reveal',
    audited: 'person.reveal',
    run: (c) => c.post(`/api/v1/people/${person.id}/reveal`, { reason: '核对报名信息' }),
  },
  {
    name: 'import people',
    permission: 'person.import',
    audited: 'person.import',
    run: async (c) => {
      const res = await upload(c, Buffer.from('姓名,身份证号\n'), 'roster.csv');
      // Validation goes on in the background: let it end before the database closes.
      if (res.statusCode === 202) await t.services.imports.whenSettled(res.json().id);
      return res;
    },
  },
  {
    name: 'export people',
    permission: 'person.export',
    audited: 'person.export',
    run: (c) => c.get('/api/v1/people/export'),
  },
  {
    name: 'create accounts for people',
    permission: 'person.account.create',
    audited: 'person.accounts.create',
    run: async (c) => {
      const someone = await makePerson(t.services, t.database, home.id, { birthDate: '1979-03-08' });
      return c.post('/api/v1/people/accounts', { personIds: [someone.id], role: 'trainee' });
    },
  },
  // Plans and classes (issue 4), on a class every holder reaches.
  { name: 'list plans', permission: 'plan.read', audited: 'plan.read', run: (c) => c.get('/api/v1/plans') },
  {
    name: 'create a plan',
    permission: 'plan.edit',
    audited: 'plan.create',
    run: (c) => c.post('/api/v1/plans', { organiserId: home.id, year: 2031, title: uniqueName('计划') }),
  },
  {
    name: 'read a class',
    permission: 'class.read',
    audited: 'class.read',
    run: (c) => c.get(`/api/v1/classes/${openClass.id}`),
  },
  {
    name: 'create a class',
    permission: 'class.edit',
    audited: 'class.create',
    run: (c) =>
      c.post('/api/v1/classes', { name: uniqueName('班次'), kind: 'seminar', leadOrganiserId: home.id }),
  },
  {
    name: 'nominate to a class',
    permission: 'nomination.create',
    audited: 'nomination.create',
    run: async (c) => {
      const someone = await freshPerson();
      return c.post(`/api/v1/classes/${openClass.id}/nominations`, {
        personId: someone.id,
        quotaId: quota.id,
      });
    },
  },
  {
    name: 'approve nominations',
    permission: 'nomination.approve',
    audited: 'nomination.approve',
    run: async (c) => {
      const someone = await freshPerson();
      const [n] = await t.database.db
        .insert(nominations)
        .values({ classId: openClass.id, quotaId: quota.id, personId: someone.id, status: 'submitted' })
        .returning();
      return c.post(`/api/v1/classes/${openClass.id}/nominations/decisions`, {
        ids: [n?.id],
        decision: 'approve',
      });
    },
  },
  {
    name: 'register for an open class',
    permission: 'class.register',
    audited: 'class.register',
    run: (c) => c.post(`/api/v1/classes/${openClass.id}/registrations`, {}),
  },
  {
    name: 'edit a trainee’s enrolment',
    permission: 'enrollment.edit',
    audited: 'enrollment.edit',
    run: async (c) => {
      const someone = await freshPerson();
      const [e] = await t.database.db
        .insert(enrollments)
        .values({ classId: openClass.id, personId: someone.id })
        .returning();
      return c.patch(`/api/v1/classes/${openClass.id}/enrollments/${e?.id}`, {
        accommodation: '学员公寓301',
      });
    },
  },
  {
    name: 'export the roster',
    permission: 'roster.export',
    audited: 'roster.export',
    run: (c) => c.get(`/api/v1/classes/${openClass.id}/roster.xlsx`),
  },
  {
    name: 'set the training rules',
    permission: 'settings.training.edit',
    audited: 'settings.training.update',
    run: (c) => c.put('/api/v1/settings/training', { hoursPerDay: 8 }),
  },
  // The lecturer pool and venues (issue 5).
  {
    name: 'list lecturers',
    permission: 'lecturer.read',
    audited: 'lecturer.read',
    run: (c) => c.get('/api/v1/lecturers'),
  },
  {
    name: 'add a lecturer',
    permission: 'lecturer.edit',
    audited: 'lecturer.create',
    run: (c) => c.post('/api/v1/lecturers', { kind: 'external', name: uniqueName('专家').slice(0, 40) }),
  },
  {
    name: 'add a timetable item',
    permission: 'timetable.edit',
    audited: 'timetable.edit',
    run: (c) =>
      c.post(`/api/v1/classes/${openClass.id}/sessions`, {
        type: 'lecture',
        title: '专题讲座',
        startsAt: '2030-03-10T09:00:00+08:00',
        endsAt: '2030-03-10T10:30:00+08:00',
      }),
  },
  {
    name: 'list venues',
    permission: 'venue.read',
    audited: 'venue.read',
    run: (c) => c.get('/api/v1/venues'),
  },
  {
    name: 'add a venue',
    permission: 'venue.edit',
    audited: 'venue.create',
    run: (c) =>
      c.post('/api/v1/venues', {
        kind: 'classroom',
        name: uniqueName('教室'),
        ownerUnitId: home.id,
        capacity: 60,
      }),
  },
];

// Running a class and its results (issue 6).
ACTIONS.push(
  {
    name: 'read the leave standing of a class',
    permission: 'leave.decide',
    audited: 'leave.decide',
    run: (c) => c.get(`/api/v1/classes/${openClass.id}/leave-standing`),
  },
  {
    name: "list a class's evaluation forms",
    permission: 'survey.manage',
    audited: 'survey.manage',
    run: (c) => c.get(`/api/v1/classes/${openClass.id}/surveys`),
  },
  {
    name: 'set the completion rules',
    permission: 'completion.decide',
    audited: 'completion.decide',
    run: (c) => c.put(`/api/v1/classes/${openClass.id}/completion-rules`, { minAttendanceRate: 0.9 }),
  },
  {
    name: 'issue certificates',
    permission: 'certificate.issue',
    audited: 'certificate.issue',
    run: (c) => c.post(`/api/v1/classes/${openClass.id}/certificates/issue`, {}),
  },
  {
    name: "read a person's study-hour archive",
    permission: 'trainingRecord.read',
    audited: 'trainingRecord.read',
    run: (c) => c.get(`/api/v1/people/${person.id}/training-records`),
  },
  {
    name: 'enter a study-hour record',
    permission: 'trainingRecord.edit',
    audited: 'trainingRecord.edit',
    run: (c) =>
      c.post('/api/v1/training-records', {
        personId: person.id,
        title: '网络专题班',
        organiser: '中国干部网络学院',
        category: 'online',
        startDate: '2026-03-01',
        endDate: '2026-03-31',
        hours: 10,
      }),
  },
);

// Talent exchange (issue 7): a pairing of Enshi (inside the org admin's Hubei) with Jianggan.
let pairing: { id: string };
let jiangganUnit: { id: string };
let pendingChange: { secondmentId: string; changeId: string };
beforeAll(async () => {
  pairing = await makePartnership(t.database);
  jiangganUnit = await makeUnit(t.database, { regionCode: '330104' });
  const secondee = await freshPerson();
  const term = await makeSecondment(t.database, pairing.id, secondee.id, {
    homeUnitId: home.id,
    hostUnitId: jiangganUnit.id,
    status: 'in_post',
    actualStart: '2019-04-01',
  });
  const [change] = await t.database.db
    .insert(secondmentChanges)
    .values({
      secondmentId: term.id,
      kind: 'extension',
      newEnd: '2020-09-30',
      previousEnd: '2020-03-31',
      reason: '受援单位申请延期',
      requestedBy: target.user.id,
    })
    .returning();
  pendingChange = { secondmentId: term.id, changeId: change?.id as string };
});

ACTIONS.push(
  {
    name: 'list pairings',
    permission: 'partnership.read',
    audited: 'partnership.read',
    run: (c) => c.get('/api/v1/partnerships'),
  },
  {
    name: 'create a pairing',
    permission: 'partnership.edit',
    audited: 'partnership.create',
    run: (c) =>
      c.post('/api/v1/partnerships', {
        name: uniqueName('结对'),
        programme: 'east_west',
        sideA: { regionCode: '422801' },
        sideB: { regionCode: '330104' },
        startYear: 2021,
      }),
  },
  {
    name: 'list secondments',
    permission: 'secondment.read',
    audited: 'secondment.read',
    run: (c) => c.get('/api/v1/secondments'),
  },
  {
    name: 'create a secondment',
    permission: 'secondment.edit',
    audited: 'secondment.create',
    run: async (c) => {
      const secondee = await freshPerson();
      return c.post('/api/v1/secondments', {
        partnershipId: pairing.id,
        personId: secondee.id,
        direction: 'a_to_b',
        form: 'shadowing',
        category: 'cadre',
        hostUnitId: jiangganUnit.id,
        plannedStart: '2021-03-01',
        plannedEnd: '2021-05-31',
      });
    },
  },
  {
    name: 'decide an extension',
    permission: 'secondment.approve',
    audited: 'secondment.change.decide',
    run: (c) =>
      c.post(`/api/v1/secondments/${pendingChange.secondmentId}/changes/${pendingChange.changeId}/decision`, {
        decision: 'approve',
      }),
  },
);

// Statistics and reports (issue 8): every figure is scoped; a reader without stats.read is refused.
const YEAR_2021 = 'from=2021-01-01&to=2021-12-31';
ACTIONS.push(
  {
    name: 'run a report',
    permission: 'stats.read',
    audited: 'stats.read',
    run: (c) => c.get(`/api/v1/stats/report?${YEAR_2021}&dimensions=classKind&measures=classes,people`),
  },
  {
    name: 'download a report as xlsx',
    permission: 'stats.read',
    audited: 'stats.export',
    run: (c) => c.get(`/api/v1/stats/report/xlsx?${YEAR_2021}&measures=personTimes`),
  },
  {
    name: 'list the records behind a figure',
    permission: 'stats.read',
    audited: 'stats.read',
    run: (c) => c.get(`/api/v1/stats/records?${YEAR_2021}&measure=personTimes`),
  },
  {
    name: 'open the dashboard',
    permission: 'stats.read',
    audited: 'stats.read',
    run: (c) => c.get(`/api/v1/stats/dashboard?${YEAR_2021}`),
  },
  {
    name: 'read the annual training report',
    permission: 'stats.read',
    audited: 'stats.read',
    run: (c) => c.get('/api/v1/reports/annual-training?year=2021'),
  },
  {
    name: 'generate the annual work summary',
    permission: 'stats.read',
    audited: 'report.document',
    run: (c) => c.get('/api/v1/reports/annual-summary/document?year=2021'),
  },
  {
    name: 'list saved reports',
    permission: 'stats.read',
    audited: 'stats.read',
    run: (c) => c.get('/api/v1/stats/saved-reports'),
  },
  {
    name: 'save a report',
    permission: 'stats.read',
    audited: 'stats.read',
    run: (c) =>
      c.post('/api/v1/stats/saved-reports', {
        name: uniqueName('报表'),
        definition: { dimensions: ['year'], measures: ['classes'] },
        period: 'this_year',
      }),
  },
  {
    name: 'export a report in the background',
    permission: 'stats.read',
    audited: 'export.create',
    run: (c) =>
      c.post('/api/v1/exports', {
        kind: 'report',
        params: { dimensions: ['classKind'], measures: ['classes'], from: '2021-01-01', to: '2021-12-31' },
      }),
  },
  {
    name: 'list my exports',
    permission: 'stats.read',
    audited: 'export.read',
    run: (c) => c.get('/api/v1/exports'),
  },
);

// Live questions (issue 10): a class's questions are exported by those who moderate its boards.
ACTIONS.push({
  name: "export a class's questions",
  permission: 'question.moderate',
  audited: 'question.moderate',
  run: (c) => c.get(`/api/v1/classes/${openClass.id}/questions.xlsx`),
});

const CASES = ROLES.flatMap((role) =>
  ACTIONS.map((action) => ({
    role,
    action: action.name,
    allowed: ROLE_PERMISSIONS[role].includes(action.permission),
  })),
);

describe('role × action, as ROLE_PERMISSIONS grants', () => {
  it.each(CASES)('$role: $action → allowed=$allowed', async ({ role, action: name, allowed }) => {
    const action = ACTIONS.find((a) => a.name === name) as Action;
    const { account, client } = holder(role);
    const res = await action.run(client);
    if (allowed) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, res.body).toBeLessThan(300);
      return;
    }
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    const events = await auditOf(t, res);
    expect(events).toEqual([
      expect.objectContaining({
        outcome: 'denied',
        action: action.audited,
        actorId: account.user.id,
        actorRoles: [role],
      }),
    ]);
  });
});

describe('separation of duties (三员分立) when assigning roles', () => {
  const security = () => holder('security_admin').client;

  it.each([
    { roles: [{ role: 'system_admin' }, { role: 'auditor' }], problem: 'two_admin_roles' },
    { roles: [{ role: 'security_admin' }, { role: 'trainee' }], problem: 'admin_with_business_role' },
    { roles: [{ role: 'trainee' }, { role: 'trainee' }], problem: 'duplicate_assignment' },
  ])('refuses $problem with 400 on field roles', async ({ roles, problem }) => {
    const res = await security().put(`/api/v1/users/${target.user.id}/roles`, { roles });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'roles', code: problem }],
    });
  });

  it('forbids a security admin to change their own roles', async () => {
    const { account, client } = holder('security_admin');
    const res = await client.put(`/api/v1/users/${account.user.id}/roles`, { roles: [] });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect((await t.services.users.byId(account.user.id)).roles).toEqual([
      { role: 'security_admin', scopeId: null },
    ]);
  });

  it.each(['system_admin', 'auditor'] as const)('keeps the last active %s (409 on roles)', async (role) => {
    const res = await security().put(`/api/v1/users/${holder(role).account.user.id}/roles`, { roles: [] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: 'roles', code: 'last_admin' }],
    });
    expect((await t.services.users.byId(holder(role).account.user.id)).roles).toEqual([
      { role, scopeId: null },
    ]);
  });

  it('keeps the last active security admin: disabling them is refused with 409', async () => {
    const { client } = holder('system_admin');
    const res = await client.patch(`/api/v1/users/${holder('security_admin').account.user.id}`, {
      status: 'disabled',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: 'status', code: 'last_admin' }],
    });
  });

  it('allows removing an administrator role while another active holder remains', async () => {
    const second = await makeUser(t.services, t.database, { roles: [{ role: 'auditor' }] });
    const res = await security().put(`/api/v1/users/${second.user.id}/roles`, { roles: [] });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual([]);
  });

  it.each([
    { scopeId: null, message: '此角色必须指定范围' },
    { scopeId: 'hubei', message: '应为6位行政区划代码' },
    { scopeId: '4201', message: '应为6位行政区划代码' },
  ])('needs a 6-digit region for org_admin (scopeId=$scopeId)', async ({ scopeId, message }) => {
    const res = await security().put(`/api/v1/users/${target.user.id}/roles`, {
      roles: [{ role: 'org_admin', scopeId }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'roles.0.scopeId', message }],
    });
  });

  it('accepts org_admin with a region code and shows it on the account, named', async () => {
    const res = await security().put(`/api/v1/users/${victim.user.id}/roles`, {
      roles: [{ role: 'org_admin', scopeId: '420100' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual([
      { role: 'org_admin', scopeId: '420100', scopeName: '武汉市', scopeRetired: false },
    ]);
  });
});
