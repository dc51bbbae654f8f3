import type { Role } from '@ganxun/domain';
import {
  classGroups,
  classSessionLecturers,
  classSessions,
  enrollments,
  lecturers,
  timetables,
  venues,
} from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { type Client, signIn, type TestContext } from './helpers.js';

/**
 * Timetable data for the schedules tests, inserted directly (items, their lecturers, groups,
 * enrolments, publication), not through the editor's endpoints.
 */

/** An instant given in China time: `china('2030-03-10', '09:00')`. */
export const china = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`);

export async function makeLecturer(
  t: TestContext,
  values: { name: string; personId?: string | null; title?: string | null },
) {
  const [row] = await t.database.db
    .insert(lecturers)
    .values({
      kind: values.personId ? 'internal' : 'external',
      name: values.name,
      namePinyin: 'x',
      nameInitials: 'x',
      title: values.title ?? null,
      affiliation: '中央党校',
      personId: values.personId ?? null,
    })
    .returning();
  if (!row) throw new Error('lecturer not inserted');
  return row;
}

export async function makeVenue(t: TestContext, ownerUnitId: string, name: string) {
  const [row] = await t.database.db
    .insert(venues)
    .values({ kind: 'classroom', name, ownerUnitId, capacity: 200, address: '武汉市洪山区' })
    .returning();
  if (!row) throw new Error('venue not inserted');
  return row;
}

export async function makeGroup(t: TestContext, classId: string, name: string): Promise<string> {
  const [row] = await t.database.db.insert(classGroups).values({ classId, name }).returning();
  if (!row) throw new Error('group not inserted');
  return row.id;
}

export interface ItemInput {
  classId: string;
  title: string;
  type?: string;
  date: string;
  start: string;
  end: string;
  venueId?: string | null;
  location?: string | null;
  groupIds?: string[] | null;
  hours?: number | null;
  lecturers?: { lecturerId: string; role?: 'speaker' | 'host' | 'commentator' }[];
  version?: number;
}

export async function makeItem(t: TestContext, input: ItemInput) {
  const [row] = await t.database.db
    .insert(classSessions)
    .values({
      classId: input.classId,
      type: input.type ?? 'lecture',
      title: input.title,
      startsAt: china(input.date, input.start),
      endsAt: china(input.date, input.end),
      venueId: input.venueId ?? null,
      location: input.location ?? null,
      groupIds: input.groupIds ?? null,
      hours: input.hours ?? null,
      version: input.version ?? 1,
    })
    .returning();
  if (!row) throw new Error('item not inserted');
  for (const [position, l] of (input.lecturers ?? []).entries()) {
    await t.database.db
      .insert(classSessionLecturers)
      .values({ sessionId: row.id, lecturerId: l.lecturerId, role: l.role ?? 'speaker', position });
  }
  return row;
}

export async function publish(t: TestContext, classId: string): Promise<void> {
  await t.database.db
    .insert(timetables)
    .values({ classId, status: 'published', publishedVersion: 1, publishedAt: new Date() })
    .onConflictDoUpdate({ target: timetables.classId, set: { status: 'published' } });
}

/** A user with a person record (in `unitId`), signed in; optionally enrolled in classes. */
export async function makePersonUser(
  t: TestContext,
  unitId: string,
  roles: Role[] = ['trainee'],
): Promise<{ client: Client; userId: string; personId: string }> {
  const user = await makeUser(t.services, t.database, { roles: roles.map((role) => ({ role })) });
  const person = await makePerson(t.services, t.database, unitId, { userId: user.user.id });
  return { client: await signIn(t, user), userId: user.user.id, personId: person.id };
}

export async function enroll(
  t: TestContext,
  classId: string,
  personId: string,
  values: Partial<typeof enrollments.$inferInsert> = {},
): Promise<void> {
  await t.database.db.insert(enrollments).values({ classId, personId, ...values });
}

/**
 * The world of most tests: a published two-day class (groups 一组/二组) run by a training
 * officer, with whole-class and per-group items and two lecturers, one of whom has an account;
 * a draft-timetable class; trainees in each group, a withdrawn one and a stranger.
 */
export async function timetableWorld(t: TestContext) {
  const school = await makeUnit(t.database, {
    type: 'party_school',
    name: '湖北省委党校',
    regionCode: '420100',
  });
  const officerUser = await makeUser(t.services, t.database, {
    roles: [{ role: 'training_officer', scopeId: school.id }],
  });
  const officer = await signIn(t, officerUser);
  const home = await makeUnit(t.database, { name: '恩施州卫生健康委' });
  const klass = await makeClass(t.database, {
    name: '全省乡村振兴专题研讨班',
    leadOrganiserId: school.id,
    startDate: '2030-03-10',
    endDate: '2030-03-11',
    status: 'in_progress',
  });
  const draftClass = await makeClass(t.database, {
    name: '待发布课表班次',
    leadOrganiserId: school.id,
    startDate: '2030-04-01',
    endDate: '2030-04-02',
  });
  const groupA = await makeGroup(t, klass.id, '一组');
  const groupB = await makeGroup(t, klass.id, '二组');
  const venue = await makeVenue(t, school.id, '第一报告厅');

  const teacher = await makePersonUser(t, home.id, ['lecturer']);
  const speaker = await makeLecturer(t, { name: '王教授', personId: teacher.personId, title: '教授' });
  const guest = await makeLecturer(t, { name: '李主任' });

  const opening = await makeItem(t, {
    classId: klass.id,
    title: '开班式',
    type: 'ceremony_open',
    date: '2030-03-10',
    start: '09:00',
    end: '09:45',
    venueId: venue.id,
    lecturers: [{ lecturerId: guest.id, role: 'host' }],
    version: 3,
  });
  const lecture = await makeItem(t, {
    classId: klass.id,
    title: '乡村振兴战略专题讲座',
    date: '2030-03-10',
    start: '10:00',
    end: '11:30',
    venueId: venue.id,
    lecturers: [
      { lecturerId: speaker.id, role: 'speaker' },
      { lecturerId: guest.id, role: 'commentator' },
    ],
  });
  const groupAItem = await makeItem(t, {
    classId: klass.id,
    title: '一组分组研讨',
    type: 'discussion',
    date: '2030-03-11',
    start: '14:30',
    end: '17:30',
    location: '第三会议室',
    groupIds: [groupA],
  });
  const groupBItem = await makeItem(t, {
    classId: klass.id,
    title: '二组现场教学',
    type: 'field',
    date: '2030-03-11',
    start: '14:30',
    end: '17:30',
    location: '恩施市某村',
    groupIds: [groupB],
    hours: 4,
  });
  await publish(t, klass.id);
  const draftItem = await makeItem(t, {
    classId: draftClass.id,
    title: '草稿课程',
    date: '2030-04-01',
    start: '09:00',
    end: '11:00',
    lecturers: [{ lecturerId: speaker.id }],
  });

  const traineeA = await makePersonUser(t, home.id);
  const traineeB = await makePersonUser(t, home.id);
  const withdrawn = await makePersonUser(t, home.id);
  const stranger = await makePersonUser(t, home.id);
  await enroll(t, klass.id, traineeA.personId, { groupId: groupA });
  await enroll(t, klass.id, traineeB.personId, { groupId: groupB });
  await enroll(t, klass.id, withdrawn.personId, { groupId: groupA, status: 'withdrawn' });
  await enroll(t, draftClass.id, traineeA.personId);

  return {
    school,
    home,
    officer,
    officerUser,
    klass,
    draftClass,
    groupA,
    groupB,
    venue,
    teacher,
    speaker,
    guest,
    items: { opening, lecture, groupAItem, groupBItem, draftItem },
    traineeA,
    traineeB,
    withdrawn,
    stranger,
  };
}
