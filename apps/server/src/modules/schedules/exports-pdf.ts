import type { MessageLocale, SessionView } from '@ganxun/domain';
import { fitText, openPdf, type Pdf, stampFooters } from '../../platform/pdf.js';
import { chinaTime, hoursText, type ScheduleLabels, timeRange } from './labels.js';

export interface TimetablePdf {
  locale: MessageLocale;
  labels: ScheduleLabels;
  layout: 'portrait' | 'landscape';
  className: string;
  code: string;
  startDate: string | null;
  endDate: string | null;
  organiser: string | null;
  venue: string | null;
  items: SessionView[];
}

// Column shares of the table width: time, type, title, lecturers, venue, 学时.
const SHARES = [0.13, 0.1, 0.28, 0.26, 0.16, 0.07];
const ROW_HEIGHT = 34;
const DAY_HEIGHT = 22;
const HEADER_HEIGHT = 22;
/** Room kept at the foot of each page for the page number. */
const FOOT_ROOM = 36;

/**
 * 课程表 as a printable A4 document: the class name as title, a line with the code, dates,
 * organiser and venue, then the items by China day — a shaded heading per day (3月10日 星期日)
 * followed by its items (time, type, title, lecturers with their parts, venue, 学时) — the header
 * row repeated on every page, the total 学时 at the end and "第 N 页 共 M 页" at the foot.
 */
export async function timetablePdf(spec: TimetablePdf): Promise<{ file: Buffer; pages: number }> {
  const { labels } = spec;
  const title = labels.pdf.title(spec.className);
  const { doc, finish } = openPdf({ locale: spec.locale, title, layout: spec.layout });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const widths = SHARES.map((s) => Math.floor(width * s));
  widths[2] = (widths[2] ?? 0) + width - widths.reduce((a, b) => a + b, 0);
  const bottom = () => doc.page.height - doc.page.margins.bottom - FOOT_ROOM + 20;
  doc.lineWidth(0.6).strokeColor('#000000').fillColor('#000000');

  let y = doc.page.margins.top;
  fitText(doc, title, { x: left, y, width, height: 30 }, { size: 18, minSize: 12, align: 'center' });
  y += 34;
  const sep = labels.separator;
  const info = [
    `${labels.pdf.code}${sep}${spec.code}`,
    spec.startDate ? `${labels.pdf.dates}${sep}${labels.dates(spec.startDate, spec.endDate)}` : null,
    spec.organiser ? `${labels.pdf.organiser}${sep}${spec.organiser}` : null,
    spec.venue ? `${labels.pdf.venue}${sep}${spec.venue}` : null,
  ]
    .filter(Boolean)
    .join('    ');
  fitText(doc, info, { x: left, y, width, height: 18 }, { size: 10, minSize: 7, align: 'center' });
  y += 26;

  const headerRow = () => {
    doc.rect(left, y, width, HEADER_HEIGHT).fillAndStroke('#e6e6e6', '#000000').fillColor('#000000');
    cells(doc, labels.pdf.headers, widths, left, y, HEADER_HEIGHT, 10, true);
    y += HEADER_HEIGHT;
  };
  const room = (height: number) => {
    if (y + height <= bottom()) return;
    doc.addPage();
    y = doc.page.margins.top;
    headerRow();
  };

  headerRow();
  if (spec.items.length === 0) {
    room(ROW_HEIGHT);
    doc.rect(left, y, width, ROW_HEIGHT).stroke();
    fitText(doc, labels.pdf.empty, { x: left, y, width, height: ROW_HEIGHT }, { size: 10, align: 'center' });
    y += ROW_HEIGHT;
  }
  let day = '';
  let total = 0;
  for (const item of spec.items) {
    const date = chinaTime(item.startsAt).date;
    if (date !== day) {
      // Keep a day's heading with its first item.
      room(DAY_HEIGHT + ROW_HEIGHT);
      day = date;
      doc.rect(left, y, width, DAY_HEIGHT).fillAndStroke('#f4f4f4', '#000000').fillColor('#000000');
      fitText(doc, labels.day(date), { x: left, y, width, height: DAY_HEIGHT }, { size: 11, padding: 6 });
      y += DAY_HEIGHT;
    }
    room(ROW_HEIGHT);
    total += item.hours;
    cells(doc, rowOf(item, labels), widths, left, y, ROW_HEIGHT, 9.5, false);
    y += ROW_HEIGHT;
  }
  room(DAY_HEIGHT);
  doc.rect(left, y, width, DAY_HEIGHT).stroke();
  fitText(
    doc,
    labels.pdf.total(hoursText(total)),
    { x: left, y, width, height: DAY_HEIGHT },
    { size: 11, align: 'right', padding: 8 },
  );
  stampFooters(doc, labels.pdf.footer);
  const pages = doc.bufferedPageRange().count;
  return { file: await finish(), pages };
}

/** The cells of one item. */
function rowOf(item: SessionView, labels: ScheduleLabels): string[] {
  const title = [
    item.title,
    item.groupNames.length ? `（${item.groupNames.join('、')}）` : '',
    item.attendanceRequired ? '' : `（${labels.elective}）`,
  ].join('');
  const venue = item.venue ? item.venue.name : (item.location ?? '');
  return [
    timeRange(item.startsAt, item.endsAt),
    item.typeName ?? item.type,
    title,
    // One lecturer a line: names are not broken inside.
    item.lecturers.map((l) => labels.lecturers([l])).join('\n'),
    venue,
    hoursText(item.hours),
  ];
}

function cells(
  doc: Pdf,
  values: string[],
  widths: number[],
  left: number,
  y: number,
  height: number,
  size: number,
  header: boolean,
): void {
  let x = left;
  widths.forEach((w, i) => {
    doc.rect(x, y, w, height).stroke();
    const align = header || i === 0 || i === widths.length - 1 ? 'center' : 'left';
    fitText(doc, values[i] ?? '', { x, y, width: w, height }, { size, minSize: 6.5, align });
    x += w;
  });
}
