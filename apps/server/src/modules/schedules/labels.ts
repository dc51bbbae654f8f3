import type { MessageLocale, SessionLecturerRole } from '@ganxun/domain';

/**
 * Words of the timetable exports and calendars in the reader's language. The data (titles,
 * names, venues) is printed as stored.
 */
export interface ScheduleLabels {
  pdf: {
    title: (className: string) => string;
    headers: string[];
    organiser: string;
    dates: string;
    venue: string;
    code: string;
    total: (hours: string) => string;
    empty: string;
    footer: (page: number, total: number) => string;
    file: string;
  };
  xlsx: {
    sheet: string;
    title: (className: string) => string;
    headers: string[];
    file: string;
    yes: string;
    no: string;
  };
  ics: { file: string };
  /** `3月10日 星期日` */
  day: (date: string) => string;
  weekday: (date: string) => string;
  dates: (start: string | null, end: string | null) => string;
  role: Record<SessionLecturerRole, string>;
  /** `张三（主讲）、李四（主持）` */
  lecturers: (items: { name: string; role: SessionLecturerRole }[]) => string;
  elective: string;
  groups: string;
  wholeClass: string;
  type: string;
  className: string;
  live: string;
  myClasses: string;
  myTeaching: (name: string) => string;
  separator: string;
}

const WEEK_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEK_TW = WEEK_ZH;
const WEEK_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const weekdayIndex = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

function datesText(start: string | null, end: string | null, to: string): string {
  if (!start) return '';
  return end && end !== start ? `${start} ${to} ${end}` : start;
}

const zhCN: ScheduleLabels = {
  pdf: {
    title: (name) => `《${name}》课程表`,
    headers: ['时间', '类型', '内容', '授课人', '地点', '学时'],
    organiser: '主办单位',
    dates: '日期',
    venue: '地点',
    code: '班次编号',
    total: (h) => `合计学时：${h}`,
    empty: '课程表暂无安排',
    footer: (page, total) => `第 ${page} 页 共 ${total} 页`,
    file: '课程表',
  },
  xlsx: {
    sheet: '课程表',
    title: (name) => `${name} 课程表`,
    headers: [
      '序号',
      '日期',
      '星期',
      '开始',
      '结束',
      '类型',
      '内容',
      '授课人',
      '地点',
      '适用小组',
      '必修',
      '学时',
      '说明',
    ],
    file: '课程表',
    yes: '是',
    no: '否',
  },
  ics: { file: '课程表' },
  day: (date) => {
    const [, m, d] = date.split('-');
    return `${Number(m)}月${Number(d)}日 ${WEEK_ZH[weekdayIndex(date)]}`;
  },
  weekday: (date) => WEEK_ZH[weekdayIndex(date)] ?? '',
  dates: (start, end) => datesText(start, end, '至'),
  role: { speaker: '主讲', host: '主持', commentator: '点评' },
  lecturers: (items) => items.map((l) => `${l.name}（${zhCN.role[l.role]}）`).join('、'),
  elective: '选修',
  groups: '小组',
  wholeClass: '全班',
  type: '类型',
  className: '班次',
  live: '直播',
  myClasses: '我的课表',
  myTeaching: (name) => `${name} 授课安排`,
  separator: '：',
};

const zhTW: ScheduleLabels = {
  pdf: {
    title: (name) => `《${name}》課程表`,
    headers: ['時間', '類型', '內容', '授課人', '地點', '學時'],
    organiser: '主辦單位',
    dates: '日期',
    venue: '地點',
    code: '班次編號',
    total: (h) => `合計學時：${h}`,
    empty: '課程表暫無安排',
    footer: (page, total) => `第 ${page} 頁 共 ${total} 頁`,
    file: '課程表',
  },
  xlsx: {
    sheet: '課程表',
    title: (name) => `${name} 課程表`,
    headers: [
      '序號',
      '日期',
      '星期',
      '開始',
      '結束',
      '類型',
      '內容',
      '授課人',
      '地點',
      '適用小組',
      '必修',
      '學時',
      '說明',
    ],
    file: '課程表',
    yes: '是',
    no: '否',
  },
  ics: { file: '課程表' },
  day: (date) => {
    const [, m, d] = date.split('-');
    return `${Number(m)}月${Number(d)}日 ${WEEK_TW[weekdayIndex(date)]}`;
  },
  weekday: (date) => WEEK_TW[weekdayIndex(date)] ?? '',
  dates: (start, end) => datesText(start, end, '至'),
  role: { speaker: '主講', host: '主持', commentator: '點評' },
  lecturers: (items) => items.map((l) => `${l.name}（${zhTW.role[l.role]}）`).join('、'),
  elective: '選修',
  groups: '小組',
  wholeClass: '全班',
  type: '類型',
  className: '班次',
  live: '直播',
  myClasses: '我的課表',
  myTeaching: (name) => `${name} 授課安排`,
  separator: '：',
};

const en: ScheduleLabels = {
  pdf: {
    title: (name) => `Timetable: ${name}`,
    headers: ['Time', 'Type', 'Session', 'Lecturers', 'Venue', 'Hours'],
    organiser: 'Organiser',
    dates: 'Dates',
    venue: 'Venue',
    code: 'Class code',
    total: (h) => `Total study hours: ${h}`,
    empty: 'Nothing scheduled yet',
    footer: (page, total) => `Page ${page} of ${total}`,
    file: 'timetable',
  },
  xlsx: {
    sheet: 'Timetable',
    title: (name) => `${name} timetable`,
    headers: [
      'No.',
      'Date',
      'Weekday',
      'Start',
      'End',
      'Type',
      'Session',
      'Lecturers',
      'Venue',
      'Groups',
      'Required',
      'Hours',
      'Description',
    ],
    file: 'timetable',
    yes: 'Yes',
    no: 'No',
  },
  ics: { file: 'timetable' },
  day: (date) => {
    const [, m, d] = date.split('-');
    return `${WEEK_EN[weekdayIndex(date)]} ${Number(d)} ${MONTH_EN[Number(m) - 1]}`;
  },
  weekday: (date) => WEEK_EN[weekdayIndex(date)] ?? '',
  dates: (start, end) => datesText(start, end, 'to'),
  role: { speaker: 'speaker', host: 'host', commentator: 'commentator' },
  lecturers: (items) => items.map((l) => `${l.name} (${en.role[l.role]})`).join(', '),
  elective: 'optional',
  groups: 'Groups',
  wholeClass: 'Whole class',
  type: 'Type',
  className: 'Class',
  live: 'Live',
  myClasses: 'My timetable',
  myTeaching: (name) => `Teaching: ${name}`,
  separator: ': ',
};

export function labelsFor(locale: MessageLocale): ScheduleLabels {
  return locale === 'zh-TW' ? zhTW : locale === 'en' ? en : zhCN;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** The China day and time of an instant: `{ date: '2030-03-10', time: '09:00' }`. */
export function chinaTime(iso: string): { date: string; time: string } {
  const shifted = new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** `09:00–11:30`; an item ending on a later day shows the end's day too. */
export function timeRange(startsAt: string, endsAt: string): string {
  const start = chinaTime(startsAt);
  const end = chinaTime(endsAt);
  const endText = end.date === start.date ? end.time : `${end.date.slice(5)} ${end.time}`;
  return `${start.time}–${endText}`;
}

/** 学时 as printed: `3`, `2.5`. */
export function hoursText(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}

/** A file name any client can take (the real name goes in `filename*`). */
export function asciiName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
