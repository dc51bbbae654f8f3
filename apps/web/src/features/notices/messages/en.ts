import type { NoticesMessages } from './zh-CN';

/** Notifications: inbox, class notice board (issue 9 item 5): en. */
export const noticesEn: NoticesMessages = {
  tab: 'Notices',
};
