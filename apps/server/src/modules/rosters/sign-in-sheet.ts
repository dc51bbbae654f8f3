import type { MessageLocale } from '@ganxun/domain';
import { drawTable, fitText, openPdf, stampFooters, type TableColumn } from '../../platform/pdf.js';
import type { RosterLabels } from './labels.js';

/** Rows per page: with the title, the info line and the header row, 25 rows fill an A4 page. */
export const SIGN_IN_ROWS_PER_PAGE = 25;

export interface SignInSheet {
  locale: MessageLocale;
  labels: RosterLabels;
  className: string;
  date: string | null;
  venue: string | null;
  groupName: string | null;
  /** 姓名, 单位, 职务 of each trainee, in roster order. */
  trainees: { name: string; unitName: string; post: string | null }[];
}

// A4 portrait is 595 × 842 pt; 40 pt margins leave 515 pt for the table.
const WIDTHS = [36, 72, 170, 97, 90, 50];
const TITLE_Y = 40;
const INFO_Y = 74;
const TABLE_Y = 98;
const ROW_HEIGHT = 26;

/**
 * 签到表: the class name as title and a line with the date, venue and group on every page (pages
 * are handed round separately), then 序号 / 姓名 / 单位 / 职务 / 签到 (an empty box to sign in) /
 * 备注, 25 rows to a page with the header row repeated, and "第 N 页 共 M 页" at the foot.
 */
export async function signInSheetPdf(sheet: SignInSheet): Promise<{ file: Buffer; pages: number }> {
  const { labels } = sheet;
  const title = labels.signIn.title(sheet.className);
  const { doc, finish } = openPdf({ locale: sheet.locale, title });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const sep = labels.separator;
  const info = [
    `${labels.signIn.date}${sep}${sheet.date ? labels.signIn.day(sheet.date) : '＿＿＿＿＿＿'}`,
    sheet.venue ? `${labels.signIn.venue}${sep}${sheet.venue}` : null,
    sheet.groupName ? `${labels.signIn.group}${sep}${sheet.groupName}` : null,
    labels.signIn.expected(sheet.trainees.length),
  ]
    .filter(Boolean)
    .join('    ');

  const columns: TableColumn[] = labels.signIn.headers.map((header, i) => ({
    header,
    width: WIDTHS[i] ?? 60,
    align: i === 0 ? 'center' : 'left',
  }));
  const rows = sheet.trainees.map((t, i) => [String(i + 1), t.name, t.unitName, t.post ?? '', '', '']);

  const pages = drawTable(doc, {
    columns,
    rows,
    rowsPerPage: SIGN_IN_ROWS_PER_PAGE,
    rowHeight: ROW_HEIGHT,
    fontSize: 10,
    pageStart: (d) => {
      fitText(
        d,
        title,
        { x: left, y: TITLE_Y, width, height: 30 },
        { size: 18, minSize: 12, align: 'center' },
      );
      fitText(
        d,
        info,
        { x: left, y: INFO_Y, width, height: 18 },
        { size: 10.5, minSize: 8, align: 'center' },
      );
      return TABLE_Y;
    },
  });
  stampFooters(doc, labels.signIn.footer);
  return { file: await finish(), pages };
}
