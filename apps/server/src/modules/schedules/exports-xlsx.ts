import type { SessionView } from '@ganxun/domain';
import { classWorkbook } from '../rosters/xlsx.js';
import { chinaTime, hoursText, type ScheduleLabels } from './labels.js';

/** Column widths of the timetable sheet (see labels.xlsx.headers). */
const WIDTHS = [6, 12, 8, 8, 8, 12, 36, 30, 24, 16, 6, 6, 30];

export interface TimetableSheet {
  labels: ScheduleLabels;
  className: string;
  code: string;
  startDate: string | null;
  endDate: string | null;
  venue: string | null;
  items: SessionView[];
}

/**
 * 课程表 as a worksheet, one row per item (below a title row, a subtitle row and the header
 * row): 序号, 日期 (YYYY-MM-DD, China day), 星期, 开始, 结束 (HH:mm China time), 类型, 内容, 授课人
 * (with parts), 地点, 适用小组 (empty = whole class), 必修 (是/否), 学时 (number), 说明.
 */
export async function timetableXlsx(sheet: TimetableSheet): Promise<Buffer> {
  const { labels } = sheet;
  const total = sheet.items.reduce((sum, i) => sum + i.hours, 0);
  const rows = sheet.items.map((item, i) => {
    const start = chinaTime(item.startsAt);
    const end = chinaTime(item.endsAt);
    return [
      i + 1,
      start.date,
      labels.weekday(start.date),
      start.time,
      end.date === start.date ? end.time : `${end.date} ${end.time}`,
      item.typeName ?? item.type,
      item.title,
      labels.lecturers(item.lecturers),
      item.venue ? item.venue.name : item.location,
      item.groupNames.join('、') || null,
      item.attendanceRequired ? labels.xlsx.yes : labels.xlsx.no,
      item.hours,
      item.description,
    ];
  });
  const subtitle = [
    `${labels.pdf.code}${labels.separator}${sheet.code}`,
    labels.dates(sheet.startDate, sheet.endDate),
    sheet.venue ?? '',
    labels.pdf.total(hoursText(total)),
  ]
    .filter(Boolean)
    .join('  ·  ');
  return classWorkbook({
    sheet: labels.xlsx.sheet,
    heading: { title: labels.xlsx.title(sheet.className), subtitle },
    headers: labels.xlsx.headers,
    widths: WIDTHS,
    rows,
    wrap: [6, 7, 8, 12],
  });
}
