import type { MessageLocale } from '@ganxun/domain';

/**
 * Words of the roster exports in the reader's language (column headers, code labels, titles).
 * The data itself (names, units, posts) is printed as stored.
 */
export interface RosterLabels {
  roster: {
    sheet: string;
    title: string;
    headers: string[];
    withdrawnHeaders: string[];
    file: string;
  };
  contacts: { sheet: string; title: string; headers: string[]; file: string };
  signIn: {
    title: (className: string) => string;
    date: string;
    /** A day as printed on the sheet (2030年3月10日). */
    day: (date: string) => string;
    venue: string;
    group: string;
    expected: (n: number) => string;
    headers: string[];
    footer: (page: number, total: number) => string;
    file: string;
  };
  dates: (start: string | null, end: string | null) => string;
  code: string;
  gender: Record<string, string>;
  role: Record<string, string>;
  transport: Record<string, string>;
  status: Record<string, string>;
  returnTicket: string;
  separator: string;
}

const zhCN: RosterLabels = {
  roster: {
    sheet: '花名册',
    title: '花名册',
    headers: [
      '序号',
      '姓名',
      '性别',
      '民族',
      '出生年月',
      '政治面貌',
      '单位',
      '职务',
      '职级',
      '所在地区',
      '小组',
      '班委职务',
      '报到时间',
      '到达方式/车次航班',
      '返程票',
      '住宿',
      '备注',
    ],
    withdrawnHeaders: ['状态', '退学原因'],
    file: '花名册',
  },
  contacts: {
    sheet: '通讯录',
    title: '通讯录',
    headers: ['序号', '姓名', '单位', '职务', '手机号', '小组'],
    file: '通讯录',
  },
  signIn: {
    title: (name) => `《${name}》签到表`,
    date: '日期',
    day: chineseDay,
    venue: '地点',
    group: '小组',
    expected: (n) => `应到 ${n} 人`,
    headers: ['序号', '姓名', '单位', '职务', '签到', '备注'],
    footer: (page, total) => `第 ${page} 页 共 ${total} 页`,
    file: '签到表',
  },
  dates: (start, end) => datesText(start, end, '至'),
  code: '班次编号',
  gender: { male: '男', female: '女' },
  role: { member: '', monitor: '班长', deputy_monitor: '副班长', group_leader: '组长' },
  transport: { train: '火车', flight: '飞机', car: '自驾', other: '其他' },
  status: { enrolled: '在学', withdrawn: '已退学' },
  returnTicket: '需要',
  separator: '：',
};

const zhTW: RosterLabels = {
  roster: {
    sheet: '花名冊',
    title: '花名冊',
    headers: [
      '序號',
      '姓名',
      '性別',
      '民族',
      '出生年月',
      '政治面貌',
      '單位',
      '職務',
      '職級',
      '所在地區',
      '小組',
      '班委職務',
      '報到時間',
      '到達方式/車次航班',
      '返程票',
      '住宿',
      '備註',
    ],
    withdrawnHeaders: ['狀態', '退學原因'],
    file: '花名冊',
  },
  contacts: {
    sheet: '通訊錄',
    title: '通訊錄',
    headers: ['序號', '姓名', '單位', '職務', '手機號', '小組'],
    file: '通訊錄',
  },
  signIn: {
    title: (name) => `《${name}》簽到表`,
    date: '日期',
    day: chineseDay,
    venue: '地點',
    group: '小組',
    expected: (n) => `應到 ${n} 人`,
    headers: ['序號', '姓名', '單位', '職務', '簽到', '備註'],
    footer: (page, total) => `第 ${page} 頁 共 ${total} 頁`,
    file: '簽到表',
  },
  dates: (start, end) => datesText(start, end, '至'),
  code: '班次編號',
  gender: { male: '男', female: '女' },
  role: { member: '', monitor: '班長', deputy_monitor: '副班長', group_leader: '組長' },
  transport: { train: '火車', flight: '飛機', car: '自駕', other: '其他' },
  status: { enrolled: '在學', withdrawn: '已退學' },
  returnTicket: '需要',
  separator: '：',
};

const en: RosterLabels = {
  roster: {
    sheet: 'Roster',
    title: 'Roster',
    headers: [
      'No.',
      'Name',
      'Gender',
      'Ethnicity',
      'Born',
      'Political status',
      'Unit',
      'Post',
      'Rank',
      'Region',
      'Group',
      'Class role',
      'Checked in',
      'Arrival (train/flight)',
      'Return ticket',
      'Accommodation',
      'Note',
    ],
    withdrawnHeaders: ['Status', 'Withdrawal reason'],
    file: 'roster',
  },
  contacts: {
    sheet: 'Contacts',
    title: 'Contact list',
    headers: ['No.', 'Name', 'Unit', 'Post', 'Mobile', 'Group'],
    file: 'contacts',
  },
  signIn: {
    title: (name) => `Sign-in sheet: ${name}`,
    date: 'Date',
    day: (date) => date,
    venue: 'Venue',
    group: 'Group',
    expected: (n) => `${n} expected`,
    headers: ['No.', 'Name', 'Unit', 'Post', 'Signature', 'Note'],
    footer: (page, total) => `Page ${page} of ${total}`,
    file: 'sign-in-sheet',
  },
  dates: (start, end) => datesText(start, end, 'to'),
  code: 'Class code',
  gender: { male: 'Male', female: 'Female' },
  role: { member: '', monitor: 'Monitor', deputy_monitor: 'Deputy monitor', group_leader: 'Group leader' },
  transport: { train: 'Train', flight: 'Flight', car: 'Car', other: 'Other' },
  status: { enrolled: 'Enrolled', withdrawn: 'Withdrawn' },
  returnTicket: 'Yes',
  separator: ': ',
};

function chineseDay(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

function datesText(start: string | null, end: string | null, to: string): string {
  if (!start) return '';
  return end && end !== start ? `${start} ${to} ${end}` : start;
}

export function labelsFor(locale: MessageLocale): RosterLabels {
  return locale === 'zh-TW' ? zhTW : locale === 'en' ? en : zhCN;
}
