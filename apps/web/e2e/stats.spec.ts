import { idCheckChar } from '@ganxun/domain';
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { USERS } from './env';
import { type Api, apiAs, createUnit, screenshot, signIn } from './helpers';

/**
 * Issue 8 end to end: 襄阳's org admin held two classes earlier in the year (a seminar and a
 * special class, organised by the city's party school) with five trainees — three of a 樊城区 unit,
 * two of a 襄城区 unit, one of them in both classes (5 人, 6 人次). The dashboard shows the figures
 * and the records behind them; the report builder groups them by class kind (people counted once
 * in the totals), exports the same figures as xlsx and saves the report as shared; the annual
 * summary states them in both scripts; a background export arrives on /exports. 樊城区's org admin
 * sees only 樊城区's trainees.
 */

test.use({ actionTimeout: 15_000 });

const stamp = Date.now().toString(36).slice(-4);

/** China's today; the classes are held in January and February of a year that has passed them. */
const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const YEAR = Number(today.slice(5, 7)) >= 3 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
const chinaDay = (offset: number) =>
  new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

const SCHOOL = { name: `中共襄阳市委党校（${stamp}）`, regionCode: '420602' };
const FANCHENG = { name: `樊城区人民政府办公室（${stamp}）`, regionCode: '420606' };
const XIANGCHENG = { name: `襄城区卫生健康局（${stamp}）`, regionCode: '420602' };
const SEMINAR = {
  name: `学习贯彻党的二十届三中全会精神专题研讨班（${stamp}）`,
  kind: 'seminar',
  start: `${YEAR}-01-12`,
  end: `${YEAR}-01-14`,
};
const SPECIAL = {
  name: `基层治理能力提升专题培训班（${stamp}）`,
  kind: 'special',
  start: `${YEAR}-02-16`,
  end: `${YEAR}-02-18`,
};

/** The figures the story sets up (襄阳 sees all; 樊城区 its own three trainees). */
const CITY = { classes: 2, people: 5, personTimes: 6 };
const COUNTY = { classes: 2, people: 3, personTimes: 4 };

/** A birth date of this run (reruns on one database never collide on ID numbers). */
const BORN = `19${75 + Math.floor(Math.random() * 10)}-0${1 + Math.floor(Math.random() * 9)}-${10 + Math.floor(Math.random() * 18)}`;
function idNumber(region: string, male: boolean, n: number): string {
  const order = String(100 + 2 * (n * 80 + Math.floor(Math.random() * 40)) + (male ? 1 : 0)).padStart(3, '0');
  const first17 = `${region}${BORN.replaceAll('-', '')}${order}`;
  return first17 + idCheckChar(first17);
}

/** A class held on `dates`: nominated and approved while it was still ahead, then moved and started. */
async function holdClass(
  org: Api,
  schoolId: string,
  c: typeof SEMINAR,
  personIds: string[],
  offset: number,
): Promise<string> {
  const cls = await org.call<{ id: string }>('POST', '/classes', {
    name: c.name,
    kind: c.kind,
    leadOrganiserId: schoolId,
    startDate: chinaDay(offset),
    endDate: chinaDay(offset + 1),
    capacity: 30,
    cityCode: '420600',
    nominationDeadline: `${chinaDay(1)}T00:00:00+08:00`,
  });
  await org.call('POST', `/classes/${cls.id}/transitions`, { action: 'publish' });
  const ids: string[] = [];
  for (const personId of personIds)
    ids.push((await org.call<{ id: string }>('POST', `/classes/${cls.id}/nominations`, { personId })).id);
  await org.call('POST', `/classes/${cls.id}/nominations/decisions`, { ids, decision: 'approve' });
  await org.call('PATCH', `/classes/${cls.id}`, {
    startDate: c.start,
    endDate: c.end,
    nominationDeadline: `${c.start}T00:00:00+08:00`,
  });
  await org.call('POST', `/classes/${cls.id}/transitions`, { action: 'close_nominations' });
  await org.call('POST', `/classes/${cls.id}/transitions`, { action: 'start' });
  return cls.id;
}

async function setUp(base: string): Promise<void> {
  const org = await apiAs(base, USERS.stOrgAdmin);
  const schoolId = await createUnit(org, { ...SCHOOL, type: 'party_school' });
  const fanchengId = await createUnit(org, { ...FANCHENG, type: 'party_government' });
  const xiangchengId = await createUnit(org, { ...XIANGCHENG, type: 'party_government' });
  const people: string[] = [];
  const trainees = [
    { name: '刘建国', unit: fanchengId, region: FANCHENG.regionCode, male: true },
    { name: '孙丽华', unit: fanchengId, region: FANCHENG.regionCode, male: false },
    { name: '周志明', unit: fanchengId, region: FANCHENG.regionCode, male: true },
    { name: '吴海燕', unit: xiangchengId, region: XIANGCHENG.regionCode, male: false },
    { name: '郑国强', unit: xiangchengId, region: XIANGCHENG.regionCode, male: true },
  ];
  for (const [i, p] of trainees.entries()) {
    const person = await org.call<{ id: string }>('POST', '/people', {
      name: p.name,
      gender: p.male ? 'male' : 'female',
      ethnicity: '01',
      birthDate: BORN,
      idNumber: idNumber(p.region, p.male, i),
      unitId: p.unit,
      post: '科长',
      category: 'cadre',
    });
    people.push(person.id);
  }
  const [liu, sun, zhou, wu, zheng] = people as [string, string, string, string, string];
  // The seminar: three of 樊城区 and one of 襄城区; the special class: 刘建国 again and 郑国强.
  await holdClass(org, schoolId, SEMINAR, [liu, sun, zhou, wu], 3);
  await holdClass(org, schoolId, SPECIAL, [liu, zheng], 6);
  await org.ctx.dispose();
}

/** Saves the next download and returns its path and suggested name. */
async function download(page: Page, click: () => Promise<void>): Promise<{ file: string; name: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await dl.path();
  expect(file).toBeTruthy();
  return { file: file as string, name: dl.suggestedFilename() };
}

const kpi = (page: Page, key: string) => page.getByTestId(`dashboard-kpi-${key}-value`);

test('statistics: dashboard, report builder, documents and exports agree on the figures', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const base = baseURL ?? '';
  await setUp(base);
  await signIn(page, USERS.stOrgAdmin);
  const reportName = `襄阳市班次类型统计（${stamp}）`;

  await test.step('dashboard: the KPI cards and the records behind 人次', async () => {
    await page.goto(`/dashboard?year=${YEAR}`);
    await expect(kpi(page, 'classes')).toHaveText(String(CITY.classes));
    await expect(kpi(page, 'people')).toHaveText(String(CITY.people));
    await expect(kpi(page, 'personTimes')).toHaveText(String(CITY.personTimes));
    await page.getByTestId('dashboard-kpi-personTimes').click();
    const rows = page.getByTestId('dashboard-records-table').locator('tr.ant-table-row');
    await expect(rows).toHaveCount(CITY.personTimes);
    await expect(rows.filter({ hasText: '刘建国' })).toHaveCount(2);
    await expect(rows.filter({ hasText: SPECIAL.name })).toHaveCount(2);
    await screenshot(page, 'stats-dashboard-records');
    await page.keyboard.press('Escape');
    await expect(rows).toHaveCount(0);
    await screenshot(page, 'stats-dashboard');
  });

  await test.step('report builder: by class kind, totals count a person once, xlsx, saved shared', async () => {
    // Start from another definition (by month, 学时) and build the report in the panel.
    await page.goto(`/report-builder?dimensions=month&measures=hours&from=${YEAR}-01-01&to=${YEAR}-12-31`);
    await page.getByTestId('rb-dimension').click();
    const classKind = page.getByTestId('rb-dimension-classKind');
    await expect(classKind).toBeVisible();
    await classKind.click();
    await page.keyboard.press('Escape');
    await page.locator('.rb-tag').filter({ hasText: '月份' }).locator('.rb-tag-close').click();
    await page.keyboard.press('Escape');
    await expect(page.locator('.rb-tag')).toHaveCount(1);
    await expect(page.locator('.rb-tag')).toContainText('班次类型');
    await page.getByTestId('rb-measure-hours').uncheck();
    for (const m of ['classes', 'people', 'personTimes']) await page.getByTestId(`rb-measure-${m}`).check();
    await page.getByTestId('rb-run').click();

    const table = page.getByTestId('rb-table');
    const rows = table.locator('tr.ant-table-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: '专题研讨班' }).locator('td')).toHaveText([
      '专题研讨班',
      '1',
      '4',
      '4',
    ]);
    await expect(rows.filter({ hasText: '专题班' }).locator('td')).toHaveText(['专题班', '1', '2', '2']);
    // 刘建国 is in both rows, once in the totals: 4 + 2 people by kind, 5 in all.
    const totals = page.getByTestId('rb-totals');
    await expect(totals.locator('td')).toHaveText([
      '合计',
      String(CITY.classes),
      String(CITY.people),
      String(CITY.personTimes),
    ]);

    const xlsx = await download(page, () => page.getByTestId('rb-xlsx').click());
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx.file);
    const sheet = book.worksheets[0];
    const lines: string[][] = [];
    sheet?.eachRow((row) => {
      lines.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
    });
    expect(lines).toContainEqual(['班次类型', '班次数（期）', '培训人数（人）', '培训人次']);
    expect(lines).toContainEqual(['合计', '2', '5', '6']);

    await page.getByTestId('rb-save').click();
    await page.getByTestId('rb-save-name').fill(reportName);
    // A report of the running year follows the year; one of last year stays on it.
    if (YEAR !== Number(today.slice(0, 4))) await page.getByText('上一年度').click();
    await page.getByTestId('rb-save-shared').check();
    await page.locator('#rb-save-ok').click();
    const saved = page.getByTestId('rb-saved-list').locator('.ant-list-item').filter({ hasText: reportName });
    await expect(saved).toContainText('已共享');
    await screenshot(page, 'stats-report-builder');
  });

  await test.step('documents: the annual summary states the figures, DOCX, then Traditional', async () => {
    await page.goto(`/documents?year=${YEAR}`);
    const preview = page.getByTestId('documents-preview');
    await expect(preview).toContainText(`${YEAR}年，襄阳市共举办各类干部教育培训班2期，培训学员5人、6人次`);
    await expect(preview).toContainText('专题研讨班1期、培训4人次');
    const docx = await download(page, () => page.getByTestId('documents-docx').click());
    expect(docx.name).toMatch(/\.docx$/);
    await page.getByTestId('documents-script').getByText('繁體').click();
    await expect(preview).toContainText(`${YEAR}年，襄陽市共舉辦各類幹部教育培訓班2期，培訓學員5人、6人次`);
    await expect(preview).toContainText('總體情況');
    await screenshot(page, 'stats-documents-zh-TW');
  });

  await test.step('exports: a background export of the records arrives and downloads', async () => {
    const org = await apiAs(base, USERS.stOrgAdmin);
    await org.call('POST', '/exports', {
      kind: 'records',
      params: { measure: 'personTimes', from: `${YEAR}-01-01`, to: `${YEAR}-12-31` },
    });
    await org.ctx.dispose();
    await page.goto('/exports');
    const row = page.getByTestId('exports-row').filter({ hasText: '明细数据' }).first();
    await expect(row).toContainText('已完成', { timeout: 30_000 });
    const file = await download(page, () => row.getByTestId('exports-download').click());
    expect(file.name).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file.file);
    const text: string[] = [];
    book.worksheets[0]?.eachRow((r) => {
      text.push((r.values as unknown[]).map((v) => String(v ?? '')).join('|'));
    });
    expect(text.filter((l) => l.includes(stamp))).toHaveLength(CITY.personTimes);
    await screenshot(page, 'stats-exports');
  });

  await test.step('scope: 樊城区 sees only its own trainees; the shared report runs in its scope', async () => {
    const county = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    await signIn(county, USERS.stCountyAdmin);
    await county.goto(`/dashboard?year=${YEAR}`);
    // Both classes had 樊城区 trainees; only 刘建国, 孙丽华 and 周志明 count (刘建国 twice).
    await expect(kpi(county, 'classes')).toHaveText(String(COUNTY.classes));
    await expect(kpi(county, 'people')).toHaveText(String(COUNTY.people));
    await expect(kpi(county, 'personTimes')).toHaveText(String(COUNTY.personTimes));
    await county.getByTestId('dashboard-kpi-people').click();
    const rows = county.getByTestId('dashboard-records-table').locator('tr.ant-table-row');
    await expect(rows.first()).toBeVisible();
    await expect(rows.filter({ hasText: '吴海燕' })).toHaveCount(0);
    await expect(rows.filter({ hasText: '郑国强' })).toHaveCount(0);
    await county.keyboard.press('Escape');
    await screenshot(county, 'stats-dashboard-county');

    await county.goto('/report-builder');
    await county.getByTestId('rb-saved-list').getByText('共享给我的').click();
    await county.getByTestId('rb-saved-open').filter({ hasText: reportName }).click();
    await expect(county.getByTestId('rb-totals').locator('td')).toHaveText([
      '合计',
      /\d+/,
      String(COUNTY.people),
      String(COUNTY.personTimes),
    ]);
    await county.close();
  });
});
