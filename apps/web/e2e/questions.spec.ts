import { idCheckChar } from '@ganxun/domain';
import { type Browser, expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { USERS } from './env';
import { apiAs, assignRoles, createUnit, screenshot, signIn } from './helpers';

/**
 * Issue 10 end to end: a policy briefing (政策解读) of a running class starts in ten minutes, so its
 * question board is open. Two trainees on phones ask — 李华 under her name, 王强 anonymously; the
 * class director approves both in the moderation console and 李华 votes for 王强's question, while
 * the presenter view, in a second browser, shows each change live: the most voted question
 * large, then the one being answered, then the written answer. The export holds it all.
 */

test.use({ actionTimeout: 15_000 });

const stamp = Date.now().toString(36).slice(-4);
const SCHOOL = { name: `随州市委党校（${stamp}）`, regionCode: '421300' };
const BUREAU = { name: `随州市农业农村局（${stamp}）`, regionCode: '421303' };
const CLASS_NAME = `乡村振兴政策解读专题班（${stamp}）`;
const ITEM_TITLE = '乡村振兴政策解读（直播互动）';
const NAMES = { li: '李华', wang: '王强' } as const;
const Q_LI = '村集体经济收益如何分配才能兼顾公平与激励？';
const Q_WANG = '驻村工作队轮换时如何保证帮扶项目不断档？';
const ANSWER = '帮扶项目实行台账移交和“老带新”制度，详见课后发放的《驻村工作指引》第四章。';

const chinaDay = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
const BORN = `19${80 + Math.floor(Math.random() * 10)}-0${1 + Math.floor(Math.random() * 9)}-${10 + Math.floor(Math.random() * 18)}`;
function idNumber(region: string, male: boolean, n: number): string {
  const order = String(100 + 2 * (n * 97 + Math.floor(Math.random() * 90)) + (male ? 1 : 0)).padStart(3, '0');
  const first17 = `${region}${BORN.replaceAll('-', '')}${order}`;
  return first17 + idCheckChar(first17);
}

interface Setup {
  classId: string;
  itemId: string;
  logins: Record<keyof typeof NAMES, { username: string; password: string }>;
}

/** The class (in progress), its item starting in ten minutes and two trainees with accounts. */
async function setUp(base: string): Promise<Setup> {
  const org = await apiAs(base, USERS.qaOrgAdmin);
  const schoolId = await createUnit(org, { ...SCHOOL, type: 'party_school' });
  const bureauId = await createUnit(org, { ...BUREAU, type: 'party_government' });
  await assignRoles(base, USERS.qaOfficer, [{ role: 'training_officer', scopeId: schoolId }]);
  const people: Record<string, { id: string }> = {};
  let n = 0;
  for (const [key, name] of Object.entries(NAMES)) {
    people[key] = await org.call<{ id: string }>('POST', '/people', {
      name,
      gender: key === 'li' ? 'female' : 'male',
      ethnicity: '01',
      birthDate: BORN,
      idNumber: idNumber(BUREAU.regionCode, key !== 'li', n++),
      unitId: bureauId,
      post: '副科长',
      category: 'cadre',
    });
  }
  const accounts = await org.call<{ items: { personId: string; username: string; password: string }[] }>(
    'POST',
    '/people/accounts',
    { personIds: Object.values(people).map((p) => p.id), role: 'trainee' },
  );
  const logins = {} as Setup['logins'];
  for (const key of Object.keys(NAMES) as (keyof typeof NAMES)[]) {
    const account = accounts.items.find((a) => a.personId === people[key]?.id);
    if (!account) throw new Error(`no account for ${key}`);
    const password = `Ti#Wen${stamp}${key}9`;
    const first = await apiAs(base, account);
    await first.call('POST', '/auth/password', { currentPassword: account.password, newPassword: password });
    await first.ctx.dispose();
    logins[key] = { username: account.username, password };
  }

  const officer = await apiAs(base, USERS.qaOfficer);
  const director = await apiAs(base, USERS.qaDirector);
  const me = await director.call<{ id: string }>('GET', '/auth/me');
  const cls = await officer.call<{ id: string }>('POST', '/classes', {
    name: CLASS_NAME,
    kind: 'special',
    leadOrganiserId: schoolId,
    startDate: chinaDay(1),
    endDate: chinaDay(2),
    capacity: 30,
    cityCode: '421300',
    nominationDeadline: `${chinaDay(1)}T00:00:00+08:00`,
    directorId: me.id,
  });
  await officer.call('POST', `/classes/${cls.id}/transitions`, { action: 'publish' });
  const nominated: string[] = [];
  for (const person of Object.values(people)) {
    nominated.push(
      (await org.call<{ id: string }>('POST', `/classes/${cls.id}/nominations`, { personId: person.id })).id,
    );
  }
  await officer.call('POST', `/classes/${cls.id}/nominations/decisions`, {
    ids: nominated,
    decision: 'approve',
  });
  await officer.call('PATCH', `/classes/${cls.id}`, {
    startDate: chinaDay(0),
    endDate: chinaDay(1),
    nominationDeadline: `${chinaDay(-1)}T00:00:00+08:00`,
  });
  await officer.call('POST', `/classes/${cls.id}/transitions`, { action: 'close_nominations' });
  await officer.call('POST', `/classes/${cls.id}/transitions`, { action: 'start' });
  const startsAt = Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000;
  const { session: item } = await officer.call<{ session: { id: string } }>(
    'POST',
    `/classes/${cls.id}/sessions`,
    {
      type: 'lecture',
      title: ITEM_TITLE,
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + 90 * 60_000).toISOString(),
      location: '报告厅',
      hours: 2,
    },
  );
  await officer.call('POST', `/classes/${cls.id}/timetable/publish`, { acknowledge: [] });
  for (const api of [org, officer, director]) await api.ctx.dispose();
  return { classId: cls.id, itemId: item.id, logins };
}

async function phone(browser: Browser, baseURL: string, login: { username: string; password: string }) {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
  });
  const page = await context.newPage();
  await signIn(page, login);
  return page;
}

/** The board's question card holding `text`. */
const card = (page: Page, text: string) => page.getByTestId('qb-question').filter({ hasText: text });

test('trainees ask and vote on phones, the director moderates, the presenter view follows live', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(4 * 60_000);
  const base = baseURL ?? '';
  const s = await setUp(base);
  const boardPath = `/classes/${s.classId}/sessions/${s.itemId}`;

  // The presenter view on the hall's screen, in a browser of its own (the director signed in there).
  const hall = await browser.newContext({ baseURL: base, viewport: { width: 1920, height: 1080 } });
  const presenter = await hall.newPage();
  await signIn(presenter, USERS.qaDirector);
  await presenter.goto(`${boardPath}/present`);
  await expect(presenter.getByTestId('qp-title')).toContainText(ITEM_TITLE);
  await expect(presenter.getByTestId('qp-qr')).toBeVisible();
  await expect(presenter.getByTestId('qp-none')).toBeVisible();

  // 李华 asks under her name, 王强 anonymously, each on a phone.
  const li = await phone(browser, base, s.logins.li);
  await li.goto(`${boardPath}/questions`);
  await li.getByTestId('qb-text').fill(Q_LI);
  await li.getByTestId('qb-submit').click();
  await expect(card(li, Q_LI)).toContainText('待审核');
  const wang = await phone(browser, base, s.logins.wang);
  await wang.goto(`${boardPath}/questions`);
  await wang.getByTestId('qb-text').fill(Q_WANG);
  await wang.getByTestId('qb-anonymous').click();
  await wang.getByTestId('qb-submit').click();
  await expect(card(wang, Q_WANG)).toContainText('待审核');
  // Awaiting approval: nobody else sees them yet.
  await expect(card(li, Q_WANG)).toHaveCount(0);

  // The director approves both in the moderation console.
  const moderator = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await signIn(moderator, USERS.qaDirector);
  await moderator.goto(`${boardPath}/moderate`);
  const pending = moderator.getByTestId('qm-pending');
  await expect(pending.getByTestId('qm-question')).toHaveCount(2);
  // The anonymous question names nobody, not even to the director.
  await expect(pending.getByTestId('qm-question').filter({ hasText: Q_WANG })).toContainText('匿名');
  await expect(pending.getByTestId('qm-question').filter({ hasText: Q_WANG })).not.toContainText(NAMES.wang);
  for (const text of [Q_LI, Q_WANG]) {
    await pending.getByTestId('qm-question').filter({ hasText: text }).getByTestId('qm-approve').click();
  }
  await expect(pending.getByTestId('qm-question')).toHaveCount(0);

  // Shown on the phones without a reload; 李华 votes for 王强's question, which then leads.
  await expect(card(li, Q_WANG)).toBeVisible();
  await card(li, Q_WANG).getByTestId('qb-vote').click();
  await expect(card(li, Q_WANG).getByTestId('qb-vote-count')).toHaveText('1');
  await expect(card(wang, Q_WANG).getByTestId('qb-vote-count')).toHaveText('1');
  // The presenter view shows the most voted question large, with the queue beside it.
  await expect(presenter.getByTestId('qp-current')).toContainText(Q_WANG);
  await expect(presenter.getByTestId('qp-queue')).toContainText(Q_LI);
  await screenshot(li, 'questions-board-phone');

  // The speaker takes 李华's question: the presenter view follows at once.
  const open = moderator.getByTestId('qm-open');
  await open.getByTestId('qm-question').filter({ hasText: Q_LI }).getByTestId('qm-answering').click();
  await expect(presenter.getByTestId('qp-current')).toContainText(Q_LI);
  await expect(card(wang, Q_LI)).toContainText('正在回答');
  await screenshot(presenter, 'questions-presenter');

  // 王强's question is answered in writing, for all to read.
  await open.getByTestId('qm-question').filter({ hasText: Q_WANG }).getByTestId('qm-written').click();
  await moderator.getByTestId('qm-answer-text').fill(ANSWER);
  await moderator.getByTestId('qm-answer-submit').click();
  await expect(card(li, Q_WANG)).toContainText(ANSWER);
  await expect(card(wang, Q_WANG)).toContainText('书面答复');
  await screenshot(moderator, 'questions-moderate');

  // Afterwards: the class's questions tab counts them, and the export holds everything.
  await moderator.goto(`/classes/${s.classId}?tab=questions`);
  const row = moderator.getByTestId('qt-row').filter({ hasText: ITEM_TITLE });
  await expect(row).toContainText('2');
  const [download] = await Promise.all([
    moderator.waitForEvent('download'),
    moderator.getByTestId('qt-export').click(),
  ]);
  const file = test.info().outputPath('questions.xlsx');
  await download.saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.getWorksheet('问题');
  const rows: string[][] = [];
  sheet?.eachRow((r, i) => {
    if (i > 2) rows.push([4, 5, 6, 7, 8].map((c) => r.getCell(c).text));
  });
  expect(rows).toEqual(
    expect.arrayContaining([
      [Q_WANG, '匿名', '1', '书面答复', ANSWER],
      [Q_LI, NAMES.li, '0', '正在回答', ''],
    ]),
  );
  await hall.close();
});
