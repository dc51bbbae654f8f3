import { type ClassSurveySummary, labelIn, type SurveyFormResultsView } from '@ganxun/domain';
import ExcelJS from 'exceljs';

/**
 * The class's evaluation as a workbook (Chinese headers): 汇总 (one row per form, with the class
 * form and the overall satisfaction) and 分题统计 (one row per question of every form whose results
 * may be shown). Hidden results say 回复不足N份; nothing in it names a respondent.
 */

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

const percent = (x: number | null | undefined) =>
  x === null || x === undefined ? '' : `${(x * 100).toFixed(1)}%`;
const num = (x: number | null | undefined) => (x === null || x === undefined ? '' : x);
const day = (iso: string | null | undefined) =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : '';

/** A sheet's house style: a merged bold title row, a shaded header row frozen below it, column widths. */
export function styleSheet(sheet: ExcelJS.Worksheet, title: string, headers: string[], widths: number[]) {
  sheet.columns = widths.map((width) => ({ width }));
  const head = sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, headers.length);
  head.font = { bold: true, size: 14 };
  head.alignment = { horizontal: 'center' };
  const row = sheet.addRow(headers);
  row.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = border;
  });
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
}

function addRows(sheet: ExcelJS.Worksheet, rows: (string | number)[][]) {
  for (const values of rows) {
    const row = sheet.addRow(values);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = border;
    });
  }
}

const hiddenNote = (needed: number) => `回复不足${needed}份`;

function questionRows(form: SurveyFormResultsView, formTitle: string): (string | number)[][] {
  if (form.results.hidden)
    return [[formTitle, hiddenNote(form.results.needed), '', '', '', '', '', '', '', '', '']];
  return form.results.questions.map((q) => {
    const label = labelIn(q.label, 'zh-CN');
    if (q.kind === 'rating')
      return [formTitle, label, '评分', q.answers, num(q.mean), ...q.distribution, percent(q.satisfiedShare)];
    if (q.kind === 'choice') {
      const counts = q.options.map((o) => `${labelIn(o.label, 'zh-CN')}：${o.count}`).join('；');
      return [formTitle, label, '选择', q.answers, counts, '', '', '', '', '', ''];
    }
    return [formTitle, label, '文字', q.answers, q.texts.join('\n'), '', '', '', '', '', ''];
  });
}

/** The workbook of a class's evaluation summary. */
export async function summaryWorkbook(
  klass: { code: string; name: string },
  summary: ClassSurveySummary,
  details: SurveyFormResultsView[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ganxun';
  workbook.created = new Date();
  const min = summary.minResponses;

  const sheet = workbook.addWorksheet('汇总');
  styleSheet(
    sheet,
    `${klass.name}（${klass.code}）评估汇总`,
    ['序号', '问卷', '主讲', '日期', '回复数', '应答人数', '回复率', '平均分', '满意率'],
    [6, 36, 18, 12, 8, 10, 10, 10, 10],
  );
  const rows: (string | number)[][] = summary.lectures.map((l, i) => [
    i + 1,
    l.title,
    l.item?.speakers.join('、') ?? '',
    day(l.item?.startsAt),
    l.responses,
    l.rate.expected,
    percent(l.rate.rate),
    l.hidden ? hiddenNote(min) : num(l.mean),
    l.hidden ? hiddenNote(min) : percent(l.satisfiedShare),
  ]);
  const cf = summary.classForm;
  if (cf) {
    rows.push([
      rows.length + 1,
      cf.title,
      '',
      '',
      cf.results.responses,
      cf.rate.expected,
      percent(cf.rate.rate),
      cf.results.hidden ? hiddenNote(min) : num(cf.score?.mean),
      cf.results.hidden ? hiddenNote(min) : percent(cf.score?.satisfiedShare),
    ]);
  }
  rows.push([
    '',
    '课程总体满意度',
    '',
    '',
    summary.overall.responses,
    summary.rate.expected,
    percent(summary.rate.rate),
    summary.overall.hidden ? hiddenNote(min) : num(summary.overall.score?.mean),
    summary.overall.hidden ? hiddenNote(min) : percent(summary.overall.score?.satisfiedShare),
  ]);
  addRows(sheet, rows);

  const detail = workbook.addWorksheet('分题统计');
  styleSheet(
    detail,
    '分题统计',
    ['问卷', '题目', '题型', '回答数', '平均分/选项/意见', '1分', '2分', '3分', '4分', '5分', '满意率'],
    [30, 20, 8, 8, 40, 6, 6, 6, 6, 6, 10],
  );
  addRows(
    detail,
    details.flatMap((f) => questionRows(f, f.title)),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
