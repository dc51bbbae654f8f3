import { idCheckChar } from '@ganxun/domain';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { USERS } from './env';
import { apiAs, createUnit, fillDate, pick, screenshot, signIn } from './helpers';

/**
 * Issue 7 end to end: the org admin of 黄冈市 pairs the city with 宁波市 in the console, loads the
 * pairing's secondments from an xlsx (preview, then commit), reads the two-way chart and the
 * narrative the figures make (in both scripts), and asks for the extension of a term in post,
 * which a second admin of 黄冈 approves — the requester may not decide it.
 */

test.use({ actionTimeout: 15_000 });

const stamp = Date.now().toString(36).slice(-4);
const U = {
  hgGov: `黄冈市人民政府办公室（${stamp}）`,
  hgHosp: `黄冈市中心医院（${stamp}）`,
  hgSchool: `黄冈市实验小学（${stamp}）`,
  nbDrc: `宁波市发展和改革委员会（${stamp}）`,
  nbHosp: `宁波市第一医院（${stamp}）`,
  nbSchool: `宁波市实验小学（${stamp}）`,
};
const PAIRING = `黄冈市—宁波市对口协作（${stamp}）`;

/** A birth date of this run, so reruns on one database never collide on ID numbers. */
const BORN = `19${75 + Math.floor(Math.random() * 10)}0${1 + Math.floor(Math.random() * 9)}${10 + Math.floor(Math.random() * 18)}`;
function idNumber(region: string, male: boolean, n: number): string {
  const order = String(100 + 2 * (n * 37 + Math.floor(Math.random() * 20)) + (male ? 1 : 0)).padStart(3, '0');
  const first17 = `${region}${BORN}${order}`;
  return first17 + idCheckChar(first17);
}

const HEADERS = [
  '姓名',
  '身份证号',
  '民族',
  '派出方',
  '交流形式',
  '人员类别',
  '专业领域',
  '派出单位',
  '原职务',
  '接收单位',
  '挂任职务',
  '是否全职',
  '计划开始',
  '计划结束',
  '实际开始',
  '实际结束',
];

/** Two cadres from 黄冈 to 宁波 (2019); two doctors and a teacher from 宁波 to 黄冈, one in post now. */
function rows(): (string | null)[][] {
  const year = new Date().getFullYear();
  return [
    [
      '李建华',
      idNumber('421102', true, 1),
      '汉族',
      '黄冈市',
      '挂职服务',
      '党政干部',
      '',
      U.hgGov,
      '科长',
      U.nbDrc,
      '挂职副处长',
      '是',
      '2019-03-01',
      '2019-08-31',
      '2019-03-01',
      '2019-08-31',
    ],
    [
      '王志强',
      idNumber('421102', true, 2),
      '汉族',
      '黄冈市',
      '挂职服务',
      '党政干部',
      '',
      U.hgGov,
      '副科长',
      U.nbDrc,
      '挂职副处长',
      '是',
      '2019-03-01',
      '2019-08-31',
      '2019-03-01',
      '2019-08-31',
    ],
    [
      '陈雪',
      idNumber('330203', false, 3),
      '汉族',
      '宁波市',
      '支医',
      '专业技术人才',
      '医疗卫生',
      U.nbHosp,
      '主治医师',
      U.hgHosp,
      '挂职副主任',
      '是',
      '2019-04-01',
      '2020-03-31',
      '2019-04-01',
      '2020-03-31',
    ],
    [
      '周敏',
      idNumber('330203', false, 4),
      '汉族',
      '宁波市',
      '支医',
      '专业技术人才',
      '医疗卫生',
      U.nbHosp,
      '副主任医师',
      U.hgHosp,
      '挂职副院长',
      '是',
      `${year}-01-05`,
      `${year + 1}-01-04`,
      `${year}-01-05`,
      null,
    ],
    [
      '林晓',
      idNumber('330203', true, 5),
      '汉族',
      '宁波市',
      '支教',
      '专业技术人才',
      '教育',
      U.nbSchool,
      '一级教师',
      U.hgSchool,
      '挂职副校长',
      '是',
      '2020-09-01',
      '2021-01-31',
      '2020-09-01',
      '2021-01-31',
    ],
  ];
}

async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('挂职交流');
  ws.addRow(HEADERS);
  for (const r of rows()) ws.addRow(r);
  ws.getColumn(2).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('a pairing is made, its secondments imported, its figures told, an extension approved by another admin', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL as string;
  // The units of both sides, each made by its own org admin.
  const hg = await apiAs(base, USERS.exOrgAdmin);
  for (const [name, type] of [
    [U.hgGov, 'party_government'],
    [U.hgHosp, 'hospital'],
    [U.hgSchool, 'school'],
  ] as const)
    await createUnit(hg, { name, type, regionCode: '421102' });
  const nb = await apiAs(base, USERS.exPartner);
  for (const [name, type] of [
    [U.nbDrc, 'party_government'],
    [U.nbHosp, 'hospital'],
    [U.nbSchool, 'school'],
  ] as const)
    await createUnit(nb, { name, type, regionCode: '330203' });
  await nb.ctx.dispose();

  // 1. The pairing, made in the console.
  await signIn(page, USERS.exOrgAdmin);
  await page.goto('/partnerships');
  await page.getByTestId('partnerships-create').click();
  await page.getByTestId('partnership-form-name').fill(PAIRING);
  await pick(page, page.getByTestId('partnership-form-programme'), '', '对口支援');
  await pick(page, page.getByTestId('partnership-form-side-a-region'), '黄冈', '黄冈市');
  await pick(page, page.getByTestId('partnership-form-side-b-region'), '宁波', '宁波市');
  await page.getByTestId('partnership-form-start-year').fill('2019');
  await screenshot(page, 'exchange-pairing-form');
  await page.getByTestId('partnership-form-submit').click();
  await expect(page.getByTestId('partnership-name')).toHaveText(PAIRING);
  await expect(page.getByTestId('partnership-directions')).toContainText('黄冈市 → 宁波市');
  await expect(page.getByTestId('partnership-directions')).toContainText('宁波市 → 黄冈市');
  const pairingUrl = page.url();

  // 2. The secondments from an xlsx: preview first (nothing written), then commit.
  await page.goto('/secondments');
  await page.getByTestId('secondments-import').click();
  await pick(page, page.getByTestId('secondment-import-pairing'), PAIRING.slice(0, 4), PAIRING);
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('secondment-import-file').click();
  await (await chooser).setFiles({
    name: '挂职交流.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await workbook(),
  });
  await page.getByTestId('secondment-import-preview').click();
  const summary = page.getByTestId('secondment-import-summary');
  await expect(summary).toContainText('5');
  await expect(page.getByTestId('secondment-import-result')).not.toContainText('错误：');
  await screenshot(page, 'exchange-import-preview');
  await page.getByTestId('secondment-import-commit').click();
  await expect(page.getByTestId('secondment-import-result')).toBeHidden();
  await expect(page.getByTestId('secondments-table')).toContainText('周敏');

  // 3. The figures: the pairing's page tells them in a sentence, in both scripts.
  await page.goto(pairingUrl);
  const narrative = page.getByTestId('partnership-narrative');
  await expect(narrative).toContainText('2019年以来，黄冈市选派党政干部2名赴宁波市挂职交流。');
  await expect(narrative).toContainText(
    '宁波市选派专业技术人才3名（其中医生2名、教师1名）赴黄冈市挂职交流。',
  );
  await expect(page.getByTestId('partnership-flow-chart').locator('canvas')).toBeVisible();
  await screenshot(page, 'exchange-pairing-page');
  await page.getByTestId('partnership-narrative-script').getByText('繁體').click();
  await expect(narrative).toContainText('黃岡市選派黨政幹部2名赴寧波市掛職交流。');

  // 4. 周敏's term, in post: the admin asks for an extension …
  await page.goto('/secondments');
  await page.getByTestId('secondments-search').locator('input').fill('周敏');
  await page.getByTestId('secondments-search').locator('input').press('Enter');
  await page.getByTestId('secondments-table').getByText('周敏').first().click();
  await expect(page.getByTestId('secondment-person')).toContainText('周敏');
  const termUrl = page.url();
  const newEnd = `${new Date().getFullYear() + 1}-07-04`;
  await page.getByTestId('secondment-change-request').click();
  await fillDate(page, 'secondment-change-new-end', newEnd);
  await page.getByTestId('secondment-change-reason').fill('受援医院儿科建设需要，申请延期半年。');
  await page.getByTestId('secondment-change-submit').click();
  await expect(page.getByTestId('secondment-change-pending')).toContainText(newEnd);
  // … which the requester may not decide.
  await expect(page.getByTestId('secondment-change-approve')).toHaveCount(0);

  // 5. A second admin of 黄冈 approves it: the planned end moves and the term shows 已延期.
  const other = await browser.newContext({ baseURL: base });
  const approver = await other.newPage();
  await signIn(approver, USERS.exApprover);
  await approver.goto(termUrl);
  await approver.getByTestId('secondment-change-approve').click();
  await approver.getByTestId('secondment-change-decide').click();
  await expect(approver.getByTestId('secondment-change-pending')).toHaveCount(0);
  await expect(approver.locator('body')).toContainText('已延期');
  await expect(approver.getByTestId('secondment-timeline')).toContainText('延期');
  await screenshot(approver, 'exchange-extension-approved');
  await other.close();
  await hg.ctx.dispose();
});
