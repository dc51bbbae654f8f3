import type { NoticesMessages } from './zh-CN';

/** Notifications: inbox, class notice board (issue 9 item 5): zh-TW. */
export const noticesZhTW: NoticesMessages = {
  tab: '通知公告',
};
