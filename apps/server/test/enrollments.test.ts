import type { Role } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classes, enrollments, nominations } from '../src/db/schema/index.js';
import { makeClass, makeQuota } from './class-factories.js';
import { makePerson, makeUnit, type PersonOverrides } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Enrollments (学员): the roster of approved trainees for those who run the class, groups (小组)
 * with one leader each, one class monitor (班长), arrival registration (报到) once, withdrawal
 * (退学) freeing the seat for the waiting list; and a trainee's own classes.
 */

let t: TestContext;
let A: { id: string; name: string };
let runner: Client;
let director: Client;
let directorId: string;
let liaisonA: Client;

let born = 0;
function addPerson(unitId: string, overrides: PersonOverrides = {}) {
  born += 1;
  const birthDate = `19${60 + (born % 40)}-0${1 + (born % 9)}-1${born % 10}`;
  return makePerson(t.services, t.database, unitId, { birthDate, ...overrides });
}

async function as(role: Role, scopeId: string | null = null): Promise<Client> {
  return signIn(t, await makeUser(t.services, t.database, { roles: [{ role, scopeId }] }));
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

/** A class directed by `director` with `count` approved trainees (nominated and approved through the API). */
async function classWithTrainees(count: number, overrides: Parameters<typeof makeClass>[1] = {}) {
  const klass = await makeClass(t.database, { directorId, ...overrides });
  const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, Math.max(count, 1));
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const person = await addPerson(A.id, {
      name: `学员${born + 1}号`,
      mobile: `1351234${String(5000 + born).slice(-4)}`,
    });
    const res = await liaisonA.post(`/api/v1/classes/${klass.id}/nominations`, {
      personId: person.id,
      quotaId: quota.id,
    });
    ids.push(res.json().id);
  }
  if (count)
    await runner.post(`/api/v1/classes/${klass.id}/nominations/decisions`, { ids, decision: 'approve' });
  const list = (
    await runner.get(`/api/v1/classes/${klass.id}/enrollments?pageSize=200&sort=createdAt`)
  ).json();
  return { klass, quota, enrollments: list.items as { id: string; person: { name: string } }[] };
}

beforeAll(async () => {
  t = await createTestContext();
  A = await makeUnit(t.database, { name: '恩施市卫健局', regionCode: '422801' });
  runner = await as('org_admin', '422800');
  const d = await makeUser(t.services, t.database, { roles: [{ role: 'class_director' }] });
  directorId = d.user.id;
  director = await signIn(t, d);
  liaisonA = await as('unit_liaison', A.id);
});
afterAll(async () => t.close());

describe('the roster', () => {
  it('lists the trainees with masked mobiles for those who run the class, nobody else', async () => {
    const { klass } = await classWithTrainees(2);
    const res = await director.get(`/api/v1/classes/${klass.id}/enrollments`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(2);
    const first = res.json().items[0];
    expect(first).toMatchObject({ status: 'enrolled', role: 'member', groupId: null, checkedInAt: null });
    expect(first.person.mobile).toMatch(/^135\*{4}\d{4}$/);
    expect(first.person.unitName).toBe('恩施市卫健局');
    expect(first.person.regionName).toBeTruthy();
    expect((await liaisonA.get(`/api/v1/classes/${klass.id}/enrollments`)).statusCode).toBe(403);
  });

  it('keeps one monitor per class and one leader per group, naming the holder', async () => {
    const { klass, enrollments: rows } = await classWithTrainees(3);
    type Row = { id: string; person: { name: string } };
    const [one, two, three] = rows as [Row, Row, Row];
    const url = (id: string) => `/api/v1/classes/${klass.id}/enrollments/${id}`;
    const group = (await director.post(`/api/v1/classes/${klass.id}/groups`, { name: '第一组' })).json();
    const monitor = await director.patch(url(one.id), { role: 'monitor', accommodation: '党校2号楼301' });
    expect(monitor.statusCode).toBe(200);
    expect(monitor.json()).toMatchObject({ role: 'monitor', accommodation: '党校2号楼301' });
    expect((await auditOf(t, monitor))[0]).toMatchObject({ action: 'enrollment.update', entityId: one.id });

    const second = await director.patch(url(two.id), { role: 'monitor' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.fields).toEqual([
      { path: 'role', code: 'role_taken', message: `该职务已由 ${one.person.name} 担任` },
    ]);

    expect(fields(await director.patch(url(two.id), { role: 'group_leader' }))).toEqual([
      ['role', 'group_required'],
    ]);
    const leader = await director.patch(url(two.id), { role: 'group_leader', groupId: group.id });
    expect(leader.json()).toMatchObject({ role: 'group_leader', groupId: group.id, groupName: '第一组' });
    expect(fields(await director.patch(url(three.id), { role: 'group_leader', groupId: group.id }))).toEqual([
      ['role', 'role_taken'],
    ]);
    // Deputies are not limited; arrival details go through.
    const deputy = await director.patch(url(three.id), {
      role: 'deputy_monitor',
      groupId: group.id,
      arrivalAt: '2030-03-09T18:30:00+08:00',
      arrivalTransport: 'train',
      arrivalNumber: 'G1234',
      returnTicketNeeded: true,
    });
    expect(deputy.json()).toMatchObject({
      arrivalAt: '2030-03-09T10:30:00.000Z',
      arrivalTransport: 'train',
      arrivalNumber: 'G1234',
      returnTicketNeeded: true,
    });

    const groups = (await director.get(`/api/v1/classes/${klass.id}/groups`)).json();
    expect(groups.items).toEqual([
      { id: group.id, name: '第一组', sortOrder: 0, members: 2, leaderName: two.person.name },
    ]);
  });

  it('refuses a group of another class and an enrollment of another class', async () => {
    const { klass, enrollments: rows } = await classWithTrainees(1);
    const other = await classWithTrainees(1);
    const foreign = (
      await director.post(`/api/v1/classes/${other.klass.id}/groups`, { name: '外班组' })
    ).json();
    const id = (rows[0] as { id: string }).id;
    const res = await director.patch(`/api/v1/classes/${klass.id}/enrollments/${id}`, {
      groupId: foreign.id,
    });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual([['groupId', 'group_not_found']]);
    const otherId = (other.enrollments[0] as { id: string }).id;
    expect(
      (await director.patch(`/api/v1/classes/${klass.id}/enrollments/${otherId}`, { note: 'x' })).statusCode,
    ).toBe(404);
  });

  it('registers arrival (报到) once, and the roster counts it', async () => {
    const { klass, enrollments: rows } = await classWithTrainees(1);
    await t.database.db.update(classes).set({ status: 'in_progress' }).where(eq(classes.id, klass.id));
    const summary = async () =>
      (await director.get(`/api/v1/classes/${klass.id}/enrollments?pageSize=1`)).json().summary;
    expect(await summary()).toEqual({ enrolled: 1, checkedIn: 0, withdrawn: 0 });
    const url = `/api/v1/classes/${klass.id}/enrollments/${(rows[0] as { id: string }).id}/check-in`;
    const first = await director.post(url);
    expect(first.statusCode).toBe(200);
    expect(await summary()).toEqual({ enrolled: 1, checkedIn: 1, withdrawn: 0 });
    expect(first.json().checkedInAt).toBeTruthy();
    expect((await auditOf(t, first))[0]).toMatchObject({ action: 'enrollment.checkin' });
    const second = await director.post(url);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.fields[0]).toMatchObject({ path: 'checkedInAt', code: 'already_checked_in' });
    expect(second.json().error.fields[0].message).toMatch(/^已于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 报到$/);
  });

  it('withdrawal (退学) ends the nomination and promotes the waiting list', async () => {
    const { klass, quota, enrollments: rows } = await classWithTrainees(1, { waitlist: true });
    const waiting = (
      await liaisonA.post(`/api/v1/classes/${klass.id}/nominations`, {
        personId: (await addPerson(A.id)).id,
        quotaId: quota.id,
      })
    ).json();
    expect(waiting.status).toBe('waitlisted');
    const id = (rows[0] as { id: string }).id;
    const url = `/api/v1/classes/${klass.id}/enrollments/${id}/withdraw`;
    expect(fields(await director.post(url, {}))).toEqual([['reason', 'invalid_type']]);
    const res = await director.post(url, { reason: '身体原因' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', withdrawReason: '身体原因' });
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual([
      'enrollment.withdraw',
      'nomination.withdraw',
      'nomination.promote',
    ]);
    const [row] = await t.database.db.select().from(enrollments).where(eq(enrollments.id, id));
    const [nomination] = await t.database.db
      .select()
      .from(nominations)
      .where(eq(nominations.id, row?.nominationId as string));
    expect(nomination?.status).toBe('withdrawn');
    const [promoted] = await t.database.db.select().from(nominations).where(eq(nominations.id, waiting.id));
    expect(promoted?.status).toBe('submitted');
    expect(fields(await director.post(url, { reason: '再退' }))).toEqual([
      ['status', 'enrollment_withdrawn'],
    ]);
    expect(fields(await director.post(`/api/v1/classes/${klass.id}/enrollments/${id}/check-in`))).toEqual([
      ['status', 'enrollment_withdrawn'],
    ]);
  });
});

describe('groups', () => {
  it('creates, renames and deletes groups with unique names; deleting clears members and leader', async () => {
    const { klass, enrollments: rows } = await classWithTrainees(1);
    const base = `/api/v1/classes/${klass.id}/groups`;
    const created = await director.post(base, { name: '第二组', sortOrder: 2 });
    expect(created.statusCode).toBe(201);
    expect((await auditOf(t, created))[0]).toMatchObject({ action: 'group.create' });
    const group = created.json();
    const other = (await director.post(base, { name: '第三组' })).json();
    const taken = await director.post(base, { name: '第二组' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields).toEqual([
      { path: 'name', code: 'group_name_taken', message: '本班次已有同名小组' },
    ]);
    expect(fields(await director.patch(`${base}/${other.id}`, { name: '第二组' }))).toEqual([
      ['name', 'group_name_taken'],
    ]);
    const renamed = await director.patch(`${base}/${other.id}`, { name: '第一组' });
    expect(renamed.json()).toMatchObject({ name: '第一组', sortOrder: 0 });

    const id = (rows[0] as { id: string }).id;
    await director.patch(`/api/v1/classes/${klass.id}/enrollments/${id}`, {
      groupId: group.id,
      role: 'group_leader',
    });
    const deleted = await director.delete(`${base}/${group.id}`);
    expect(deleted.statusCode).toBe(204);
    const [row] = await t.database.db.select().from(enrollments).where(eq(enrollments.id, id));
    expect(row).toMatchObject({ groupId: null, role: 'member' });
    expect((await director.get(base)).json().items.map((g: { name: string }) => g.name)).toEqual(['第一组']);
    // Only those who run the roster.
    expect((await liaisonA.post(base, { name: '联络员组' })).statusCode).toBe(403);
  });
});

describe('GET /me/classes', () => {
  it('lists the trainee’s own classes with nomination, enrollment and group; empty without a record', async () => {
    const user = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    const person = await addPerson(A.id, { userId: user.user.id });
    const klass = await makeClass(t.database, { name: '我的专题班', directorId });
    const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, 5);
    const n = (
      await liaisonA.post(`/api/v1/classes/${klass.id}/nominations`, {
        personId: person.id,
        quotaId: quota.id,
      })
    ).json();
    const trainee = await signIn(t, user);
    const before = (await trainee.get('/api/v1/me/classes')).json();
    expect(before.items).toEqual([
      expect.objectContaining({
        classId: klass.id,
        name: '我的专题班',
        nominationStatus: 'submitted',
        enrollmentStatus: null,
      }),
    ]);
    await runner.post(`/api/v1/classes/${klass.id}/nominations/decisions`, {
      ids: [n.id],
      decision: 'approve',
    });
    const group = (await director.post(`/api/v1/classes/${klass.id}/groups`, { name: '第五组' })).json();
    const [enrollment] = await t.database.db
      .select()
      .from(enrollments)
      .where(eq(enrollments.nominationId, n.id));
    await director.patch(`/api/v1/classes/${klass.id}/enrollments/${enrollment?.id}`, { groupId: group.id });
    const after = (await trainee.get('/api/v1/me/classes')).json();
    expect(after.items).toEqual([
      expect.objectContaining({
        classId: klass.id,
        code: klass.code,
        startDate: '2030-03-10',
        classStatus: 'published',
        nominationStatus: 'approved',
        enrollmentStatus: 'enrolled',
        groupName: '第五组',
        checkedInAt: null,
      }),
    ]);
    const nobody = await as('trainee');
    expect((await nobody.get('/api/v1/me/classes')).json()).toEqual({ items: [] });
  });
});
