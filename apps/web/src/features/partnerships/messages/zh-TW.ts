import type { PartnershipsMessages } from './zh-CN';

export const partnershipsZhTW: PartnershipsMessages = {
  title: '結對協作',
  detailTitle: '結對詳情',
  stats: { title: '交流統計' },
};
