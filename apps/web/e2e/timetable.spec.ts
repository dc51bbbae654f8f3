import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { idCheckChar } from '@ganxun/domain';
import { expect, type Page, request, test } from '@playwright/test';
import ICAL from 'ical.js';
import { USERS } from './env';
import { apiAs, assignRoles, createUnit, pick, screenshot, signIn } from './helpers';

/**
 * Issue 5 end to end: the party school's training officer builds the seeds' two-day class in the
 * calendar, is stopped by a lecturer already teaching another class at that hour, fixes it,
 * publishes, and a trainee sees the programme on a phone; the trainee's calendar feed parses with a
 * real iCalendar parser and the printable PDF carries the Chinese titles.
 */

// Tall enough for the calendar's whole day (07:00–22:00) without scrolling while dragging.
test.use({ viewport: { width: 1440, height: 1500 } });

const stamp = Date.now().toString(36).slice(-4);
const SCHOOL = { name: `中共浙江省委党校（${stamp}）`, regionCode: '330106' };
const BUREAU = { name: `杭州市上城区卫生健康局（${stamp}）`, regionCode: '330102' };
const CLASS_NAME = `疫情防控专题培训班（${stamp}）`;
const OTHER_CLASS = `基层卫生管理专题班（${stamp}）`;
const TRAINEE = '钱晓梅';
const BUSY = `王建华${stamp}`;
const FREE = `李明${stamp}`;

/** A China day `offset` days from today (`YYYY-MM-DD`). */
const day = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const FIRST = day(21);
const SECOND = day(22);
const at = (date: string, time: string) => `${date}T${time}:00+08:00`;

/** A valid ID number of a woman born in `region` on 1982-03-04 (an even 17th digit: female). */
function idNumber(region: string): string {
  const order = String(100 + 2 * Math.floor(Math.random() * 400)).padStart(3, '0');
  const first17 = `${region}19820304${order}`;
  return first17 + idCheckChar(first17);
}

interface Setup {
  classId: string;
  otherClassId: string;
  busyId: string;
  freeId: string;
  trainee: { username: string; password: string };
}

async function setUp(base: string): Promise<Setup> {
  const org = await apiAs(base, USERS.ttOrgAdmin);
  const schoolId = await createUnit(org, { ...SCHOOL, type: 'party_school' });
  const bureauId = await createUnit(org, { ...BUREAU, type: 'party_government' });
  const person = await org.call<{ id: string }>('POST', '/people', {
    name: TRAINEE,
    gender: 'female',
    ethnicity: '01',
    birthDate: '1982-03-04',
    idNumber: idNumber(BUREAU.regionCode),
    unitId: bureauId,
    post: '副局长',
    category: 'cadre',
  });
  const accounts = await org.call<{ items: { username: string; password: string }[] }>(
    'POST',
    '/people/accounts',
    { personIds: [person.id], role: 'trainee' },
  );
  const account = accounts.items[0];
  if (!account) throw new Error('no account');
  await assignRoles(base, USERS.ttOfficer, [{ role: 'training_officer', scopeId: schoolId }]);

  // The trainee's first sign-in must change the initial password.
  const trainee = { username: account.username, password: `Qian#Xm${stamp}2026` };
  const first = await apiAs(base, { username: account.username, password: account.password });
  await first.call('POST', '/auth/password', {
    currentPassword: account.password,
    newPassword: trainee.password,
  });
  await first.ctx.dispose();

  const officer = await apiAs(base, USERS.ttOfficer);
  const busy = await officer.call<{ id: string }>('POST', '/lecturers', {
    kind: 'external',
    name: BUSY,
    affiliation: '国家卫生健康委员会',
    title: '研究员',
    expertise: ['疫情防控'],
  });
  const free = await officer.call<{ id: string }>('POST', '/lecturers', {
    kind: 'external',
    name: FREE,
    affiliation: '国家疾病预防控制局',
    title: '主任医师',
    expertise: ['疫情防控'],
  });
  const newClass = async (name: string) =>
    officer.call<{ id: string }>('POST', '/classes', {
      name,
      kind: 'special',
      leadOrganiserId: schoolId,
      startDate: FIRST,
      endDate: SECOND,
      capacity: 60,
      cityCode: '330100',
      nominationDeadline: `${day(14)}T18:00:00+08:00`,
    });
  const other = await newClass(OTHER_CLASS);
  const cls = await newClass(CLASS_NAME);
  // The other class already has the busy lecturer on the first morning.
  await officer.call('POST', `/classes/${other.id}/sessions`, {
    type: 'lecture',
    title: '基层疫情防控实务',
    startsAt: at(FIRST, '09:00'),
    endsAt: at(FIRST, '11:30'),
    venueId: null,
    location: '第二教室',
    lecturers: [{ lecturerId: busy.id, role: 'speaker' }],
  });
  // The trainee is nominated by the org admin and approved by the officer.
  await officer.call('POST', `/classes/${cls.id}/transitions`, { action: 'publish' });
  const nomination = await org.call<{ id: string }>('POST', `/classes/${cls.id}/nominations`, {
    personId: person.id,
  });
  await officer.call('POST', `/classes/${cls.id}/nominations/decisions`, {
    ids: [nomination.id],
    decision: 'approve',
  });
  await org.ctx.dispose();
  await officer.ctx.dispose();
  return { classId: cls.id, otherClassId: other.id, busyId: busy.id, freeId: free.id, trainee };
}

/** Drags over the calendar's time grid on `date` from `from` to `to` (`HH:mm`, half hours). */
async function selectRange(page: Page, date: string, from: string, to: string): Promise<void> {
  // The last drawer has closed (its mask would take the drag).
  await expect(page.locator('.ant-drawer-mask')).toHaveCount(0);
  const column = await page.locator(`.fc-timegrid-col[data-date="${date}"]`).boundingBox();
  const first = await page.locator(`.fc-timegrid-slot-lane[data-time="${from}:00"]`).boundingBox();
  const [h, m] = to.split(':').map(Number) as [number, number];
  const lastSlot = `${String(m === 0 ? h - 1 : h).padStart(2, '0')}:${m === 0 ? '30' : '00'}`;
  const last = await page.locator(`.fc-timegrid-slot-lane[data-time="${lastSlot}:00"]`).boundingBox();
  if (!column || !first || !last) throw new Error(`no slot for ${date} ${from}–${to}`);
  const x = column.x + column.width / 2;
  await page.mouse.move(x, first.y + 4);
  await page.mouse.down();
  await page.mouse.move(x, (first.y + last.y + last.height) / 2, { steps: 4 });
  await page.mouse.move(x, last.y + last.height - 4, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByTestId('session-drawer')).toBeVisible();
}

/** Picks a session type, gives a title (and optionally a lecturer) and saves the open drawer. */
async function fillItem(page: Page, type: string, title: string, lecturer?: string): Promise<void> {
  const drawer = page.getByTestId('session-drawer');
  await pick(page, drawer.getByTestId('session-type'), '', type);
  await drawer.getByTestId('session-title').fill(title);
  if (lecturer) await pickLecturer(page, 0, lecturer, true);
  await page.getByTestId('session-save').click();
}

async function pickLecturer(page: Page, index: number, name: string, add: boolean): Promise<void> {
  const drawer = page.getByTestId('session-drawer');
  if (add) await drawer.getByTestId('session-add-lecturer').click();
  const field = drawer.getByTestId(`session-lecturer-${index}`);
  await field.click();
  await field.locator('input').fill(name);
  await page.getByTestId('lecturer-option').filter({ hasText: name }).first().click();
  await expect(field).toContainText(name);
}

const event = (page: Page, title: string) =>
  page.getByTestId('timetable-calendar').locator('[data-session-id]').filter({ hasText: title });

test('the two-day class: built in the calendar, a double booking stopped, published, read on a phone', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const base = baseURL ?? '';
  const s =
    await test.step('setup through the API: school, lecturers, another class, an enrolled trainee', () =>
      setUp(base));
  const LECTURE = '新冠肺炎疫情防控形势与政策解读';

  await test.step('the training officer builds the programme in the calendar', async () => {
    await signIn(page, USERS.ttOfficer);
    await page.goto(`/classes/${s.classId}?tab=timetable`);
    await expect(page.getByTestId('timetable-calendar')).toBeVisible();
    await expect(page.getByTestId('timetable-status')).toContainText('草稿');

    await selectRange(page, FIRST, '09:00', '09:30');
    await fillItem(page, '开班式', '开班式');
    await expect(event(page, '开班式')).toBeVisible();

    await selectRange(page, FIRST, '14:30', '16:30');
    await fillItem(page, '经验交流', '防控一线经验交流');
    await expect(event(page, '防控一线经验交流')).toBeVisible();

    await selectRange(page, SECOND, '09:00', '11:00');
    await fillItem(page, '线上直播', '线上视频直播政策解读与互动答疑');
    await expect(event(page, '线上视频直播政策解读与互动答疑')).toBeVisible();

    await selectRange(page, SECOND, '17:30', '18:00');
    await fillItem(page, '结业式', '结业式');
    await expect(event(page, '结业式')).toBeVisible();
  });

  await test.step('a lecturer already teaching another class at that hour stops the save', async () => {
    await selectRange(page, FIRST, '09:30', '11:30');
    await fillItem(page, '专题讲授', LECTURE, BUSY);
    const drawer = page.getByTestId('session-drawer');
    // The server's reason lands on the lecturer's field, naming the other class; nothing is saved.
    await expect(drawer.locator('.ant-form-item-explain-error')).toContainText(OTHER_CLASS);
    await expect(page.getByTestId('session-drawer')).toBeVisible();
    await screenshot(page, 'timetable-double-booked');
    await pickLecturer(page, 0, FREE, false);
    await page.getByTestId('session-save').click();
    await expect(page.getByTestId('session-drawer')).toBeHidden();
    await expect(event(page, LECTURE)).toContainText(FREE);
  });

  await test.step('an item dragged to the other day moves there', async () => {
    const startOf = async (title: string) => {
      const officer = await apiAs(base, USERS.ttOfficer);
      const timetable = await officer.call<{ items: { title: string; startsAt: string }[] }>(
        'GET',
        `/classes/${s.classId}/timetable`,
      );
      await officer.ctx.dispose();
      return Date.parse(timetable.items.find((i) => i.title === title)?.startsAt ?? '');
    };
    const before = await startOf('防控一线经验交流');
    expect(new Date(before + 8 * 3_600_000).toISOString().slice(0, 10)).toBe(FIRST);
    const item = event(page, '防控一线经验交流');
    const from = await item.boundingBox();
    const target = await page.locator(`.fc-timegrid-col[data-date="${SECOND}"]`).boundingBox();
    if (!from || !target) throw new Error('no boxes');
    const y = from.y + 6;
    await page.mouse.move(from.x + from.width / 2, y);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, y, { steps: 2 });
    await page.mouse.move(target.x + target.width / 2, y, { steps: 8 });
    await page.mouse.up();
    // Same time of day, one day later (the grid snaps to a quarter hour, so allow one snap).
    await expect
      .poll(async () => (await startOf('防控一线经验交流')) - before)
      .toBeGreaterThanOrEqual(86_400_000 - 15 * 60_000);
    expect((await startOf('防控一线经验交流')) - before).toBeLessThanOrEqual(86_400_000 + 15 * 60_000);
    await expect(page.getByTestId('conflict-item')).toHaveCount(0);
    await screenshot(page, 'timetable-built');
  });

  await test.step('the officer publishes it', async () => {
    await page.getByTestId('timetable-publish').click();
    await page.getByTestId('publish-confirm').click();
    await expect(page.getByTestId('timetable-status')).toContainText('已发布');
  });

  await test.step('the trainee reads it on a phone', async () => {
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    const phone = await context.newPage();
    await signIn(phone, s.trainee);
    await phone.goto('/my-schedule?view=all');
    const items = phone.getByTestId('schedule-item');
    await expect(items).toHaveCount(5);
    await expect(phone.getByTestId('schedule-day')).toHaveCount(2);
    await expect(items.filter({ hasText: LECTURE })).toContainText(FREE);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(phone, 'timetable-phone-schedule');
    await context.close();
  });

  await test.step('the calendar feed parses with a real iCalendar parser; the PDF prints Chinese', async () => {
    const trainee = await apiAs(base, s.trainee);
    const feed = await trainee.call<{ url: string }>('POST', '/calendar-feeds', { scope: 'trainee' });
    await trainee.ctx.dispose();
    // No session: the secret URL alone opens it.
    const anonymous = await request.newContext();
    const res = await anonymous.get(feed.url.replace(/^https?:\/\/[^/]+/, base));
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(await res.text()));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary).sort()).toEqual(
      ['开班式', LECTURE, '防控一线经验交流', '线上视频直播政策解读与互动答疑', '结业式'].sort(),
    );
    const lecture = events.find((e) => e.summary === LECTURE);
    expect(lecture?.startDate.toJSDate().toISOString()).toBe(new Date(at(FIRST, '09:30')).toISOString());
    await anonymous.dispose();

    const officer = await apiAs(base, USERS.ttOfficer);
    const pdf = await officer.ctx.get(`/api/v1/classes/${s.classId}/timetable.pdf`);
    expect(pdf.status()).toBe(200);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'e2e-tt-')), 'timetable.pdf');
    writeFileSync(file, await pdf.body());
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').replace(/\s+/g, '');
    for (const title of [CLASS_NAME, '开班式', LECTURE, FREE]) expect(text).toContain(title);
    await officer.ctx.dispose();
  });
});
