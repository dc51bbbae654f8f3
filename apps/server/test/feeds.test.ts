import type { FeedView } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarFeeds, classSessions } from '../src/db/schema/index.js';
import { makeUser } from './factories.js';
import { auditOf, Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { makeItem, timetableWorld } from './schedules-fixtures.js';

/**
 * Calendar feeds on secret URLs: created by a reader for a class, their own schedule or a
 * lecturer's teaching; fetched without a session; revoked → 404; tokens cannot be guessed.
 */

let t: TestContext;
let w: Awaited<ReturnType<typeof timetableWorld>>;
let anonymous: Client;

beforeAll(async () => {
  t = await createTestContext();
  w = await timetableWorld(t);
  anonymous = new Client(t.app, '203.0.113.9');
});
afterAll(async () => t?.close());

/** The path of a feed URL (the test app answers on any host). */
const pathOf = (url: string) => new URL(url).pathname;

function eventsOf(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    name: calendar.getFirstPropertyValue('x-wr-calname'),
    events: calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)),
  };
}

async function create(client: Client, body: object) {
  return client.post('/api/v1/calendar-feeds', body);
}

describe('a class feed', () => {
  let feed: FeedView;

  it('is created by a reader of the class, with its URL shown once (audited)', async () => {
    const res = await create(w.officer, { scope: 'class', classId: w.klass.id });
    expect(res.statusCode).toBe(201);
    feed = res.json();
    expect(feed).toMatchObject({ scope: 'class', label: '全省乡村振兴专题研讨班', classId: w.klass.id });
    expect(feed.url).toMatch(/^http:\/\/[^/]+\/api\/v1\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    expect((await auditOf(t, res)).map((a) => a.action)).toContain('feed.create');
    // Only the hash is stored.
    const [row] = await t.database.db.select().from(calendarFeeds).where(eq(calendarFeeds.id, feed.id));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(feed.url).not.toContain(row?.tokenHash ?? 'x');
  });

  it('is fetched without a session and parses with ical.js', async () => {
    const res = await anonymous.get(pathOf(feed.url as string));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { name, events } = eventsOf(res.body);
    expect(name).toBe('全省乡村振兴专题研讨班');
    expect(events.map((e) => e.summary).sort()).toEqual(
      ['一组分组研讨', '乡村振兴战略专题讲座', '二组现场教学', '开班式'].sort(),
    );
    const lecture = events.find((e) => e.uid === `${w.items.lecture.id}@ganxun`);
    expect(lecture?.startDate.toJSDate().toISOString()).toBe('2030-03-10T02:00:00.000Z');
    expect(lecture?.description).toContain('王教授（主讲）');
  });

  it('is listed for its owner with when it was last used, without the URL', async () => {
    const res = await w.officer.get('/api/v1/calendar-feeds');
    expect(res.statusCode).toBe(200);
    const item = (res.json().items as FeedView[]).find((f) => f.id === feed.id);
    expect(item?.url).toBeNull();
    expect(item?.lastUsedAt).not.toBeNull();
    // Nobody else sees it.
    const other = (await w.traineeA.client.get('/api/v1/calendar-feeds')).json();
    expect(other.items.map((f: FeedView) => f.id)).not.toContain(feed.id);
  });

  it('follows changes: a deleted item disappears, a changed one has a higher SEQUENCE', async () => {
    await t.database.db
      .update(classSessions)
      .set({ version: 7, title: '开班式（调整）' })
      .where(eq(classSessions.id, w.items.opening.id));
    const { events } = eventsOf((await anonymous.get(pathOf(feed.url as string))).body);
    const opening = events.find((e) => e.uid === `${w.items.opening.id}@ganxun`);
    expect(opening?.sequence).toBe(7);
    expect(opening?.summary).toBe('开班式（调整）');
    const extra = await makeItem(t, {
      classId: w.klass.id,
      title: '临时加课',
      date: '2030-03-11',
      start: '19:00',
      end: '20:00',
    });
    const before = eventsOf((await anonymous.get(pathOf(feed.url as string))).body).events;
    expect(before.map((e) => e.summary)).toContain('临时加课');
    await t.database.db.delete(classSessions).where(eq(classSessions.id, extra.id));
    const after = eventsOf((await anonymous.get(pathOf(feed.url as string))).body).events;
    expect(after.map((e) => e.summary)).not.toContain('临时加课');
  });

  it('may not be revoked by another user (404), and answers 404 once revoked (audited)', async () => {
    expect((await w.traineeA.client.delete(`/api/v1/calendar-feeds/${feed.id}`)).statusCode).toBe(404);
    const res = await w.officer.delete(`/api/v1/calendar-feeds/${feed.id}`);
    expect(res.statusCode).toBe(204);
    expect((await auditOf(t, res)).map((a) => a.action)).toContain('feed.revoke');
    expect((await anonymous.get(pathOf(feed.url as string))).statusCode).toBe(404);
    const listed = (await w.officer.get('/api/v1/calendar-feeds')).json().items as FeedView[];
    expect(listed.find((f) => f.id === feed.id)?.revokedAt).not.toBeNull();
  });

  it('cannot be guessed: unknown or malformed tokens are 404', async () => {
    const guess = 'A'.repeat(43);
    expect((await anonymous.get(`/api/v1/feeds/${guess}.ics`)).statusCode).toBe(404);
    expect((await anonymous.get('/api/v1/feeds/abc.ics')).statusCode).toBe(404);
    expect((await anonymous.get('/api/v1/feeds/abc')).statusCode).toBe(404);
  });

  it('is refused to strangers of the class (403) and for unknown classes (404)', async () => {
    expect((await create(w.stranger.client, { scope: 'class', classId: w.klass.id })).statusCode).toBe(403);
    expect((await create(w.officer, { scope: 'class', classId: crypto.randomUUID() })).statusCode).toBe(404);
    const missing = await create(w.officer, { scope: 'class' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields[0].path).toBe('classId');
  });
});

describe('personal feeds', () => {
  it("a trainee's feed holds their published items only", async () => {
    const res = await create(w.traineeA.client, { scope: 'trainee' });
    expect(res.statusCode).toBe(201);
    expect(res.json().label).toBe('我的课表');
    const { name, events } = eventsOf((await anonymous.get(pathOf(res.json().url))).body);
    expect(name).toBe('我的课表');
    expect(events.map((e) => e.summary)).not.toContain('二组现场教学');
    expect(events.map((e) => e.summary)).not.toContain('草稿课程');
    expect(events.map((e) => e.summary)).toContain('一组分组研讨');
    expect(events.find((e) => e.summary === '一组分组研讨')?.description).toContain('全省乡村振兴专题研讨班');
  });

  it('a user without a person record gets a clear 400', async () => {
    const bare = await signIn(t, await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] }));
    const res = await create(bare, { scope: 'trainee' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'scope' });
    const lect = await create(bare, { scope: 'lecturer' });
    expect(lect.statusCode).toBe(400);
    expect(lect.json().error.fields[0]).toMatchObject({ path: 'lecturerId' });
  });

  it("a lecturer's own feed, and staff subscribing an external lecturer; others may not", async () => {
    const own = await create(w.teacher.client, { scope: 'lecturer' });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ lecturerId: w.speaker.id, label: '王教授 授课安排' });
    const { events } = eventsOf((await anonymous.get(pathOf(own.json().url))).body);
    expect(events.map((e) => e.summary)).toEqual(['乡村振兴战略专题讲座']);

    const staff = await create(w.officer, { scope: 'lecturer', lecturerId: w.guest.id });
    expect(staff.statusCode).toBe(201);
    const guest = eventsOf((await anonymous.get(pathOf(staff.json().url))).body);
    expect(guest.events).toHaveLength(2);

    expect((await create(w.traineeA.client, { scope: 'lecturer', lecturerId: w.guest.id })).statusCode).toBe(
      403,
    );
    expect((await create(w.officer, { scope: 'lecturer', lecturerId: crypto.randomUUID() })).statusCode).toBe(
      400,
    );
  });

  it('stops when the owner’s account is disabled', async () => {
    const user = await makeUser(t.services, t.database, {
      roles: [{ role: 'training_officer', scopeId: w.school.id }],
    });
    const client = await signIn(t, user);
    const res = await create(client, { scope: 'class', classId: w.klass.id });
    const path = pathOf(res.json().url);
    expect((await anonymous.get(path)).statusCode).toBe(200);
    const { users } = await import('../src/db/schema/index.js');
    await t.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, user.user.id));
    expect((await anonymous.get(path)).statusCode).toBe(404);
  });
});

describe('rate limit', () => {
  it('answers 429 after too many fetches from one address', async () => {
    const flood = new Client(t.app, '198.51.100.77');
    let last = 0;
    for (let i = 0; i < 125; i += 1) {
      last = (await flood.get(`/api/v1/feeds/${'B'.repeat(43)}.ics`)).statusCode;
      if (last === 429) break;
    }
    expect(last).toBe(429);
  });
});
