import type { ClassQuestionsView, QuestionStatus } from '@ganxun/domain';
import ExcelJS from 'exceljs';
import { styleSheet } from '../surveys/xlsx.js';

/**
 * A class's questions as a workbook for its summary (Chinese headers): 问题 (every question with
 * its item, asker — 匿名 for an anonymous one, whose author nobody knows —, votes, status and
 * written answer) and 统计 (questions and the share answered per item).
 */

export interface QuestionExportRow {
  sessionTitle: string;
  startsAt: Date;
  text: string;
  anonymous: boolean;
  authorName: string | null;
  status: string;
  votes: number;
  answer: string | null;
  hiddenReason: string | null;
  createdAt: Date;
}

export const STATUS_LABELS: Record<QuestionStatus, string> = {
  pending: '待审核',
  open: '已展示',
  answering: '正在回答',
  answered: '已回答',
  answered_in_writing: '书面答复',
  hidden: '已隐藏',
  merged: '已合并',
};

const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };
/** Beijing time, `2026-11-24 09:05`. */
const beijing = (d: Date) =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const percent = (x: number | null) => (x === null ? '' : `${(x * 100).toFixed(1)}%`);

function sheetWith(book: ExcelJS.Workbook, name: string, title: string, headers: string[], widths: number[]) {
  const sheet = book.addWorksheet(name);
  styleSheet(sheet, title, headers, widths);
  return sheet;
}

function addRow(sheet: ExcelJS.Worksheet, values: (string | number)[]) {
  const row = sheet.addRow(values);
  row.eachCell({ includeEmpty: true }, (cell) => {
    cell.border = border;
    cell.alignment = { vertical: 'top', wrapText: true };
  });
}

export async function questionsWorkbook(
  className: string,
  rows: readonly QuestionExportRow[],
  figures: ClassQuestionsView,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Ganxun';
  const list = sheetWith(
    book,
    '问题',
    `${className} 互动答疑问题汇总`,
    ['序号', '课程', '课程时间', '问题', '提问人', '点赞数', '状态', '书面答复', '隐藏原因', '提问时间'],
    [6, 28, 17, 50, 12, 8, 10, 40, 20, 17],
  );
  rows.forEach((r, i) => {
    addRow(list, [
      i + 1,
      r.sessionTitle,
      beijing(r.startsAt),
      r.text,
      r.anonymous ? '匿名' : (r.authorName ?? ''),
      r.votes,
      STATUS_LABELS[r.status as QuestionStatus] ?? r.status,
      r.answer ?? '',
      r.hiddenReason ?? '',
      beijing(r.createdAt),
    ]);
  });
  const stats = sheetWith(
    book,
    '统计',
    `${className} 互动答疑统计`,
    ['课程', '课程时间', '问题数', '已回答', '回答率', '点赞数'],
    [30, 17, 10, 10, 10, 10],
  );
  for (const item of figures.items) {
    addRow(stats, [
      item.title,
      beijing(new Date(item.startsAt)),
      item.questions,
      item.answered,
      percent(item.answeredShare),
      item.votes,
    ]);
  }
  const t = figures.totals;
  addRow(stats, ['合计', '', t.questions, t.answered, percent(t.answeredShare), t.votes]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
