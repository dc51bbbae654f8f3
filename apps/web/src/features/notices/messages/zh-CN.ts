/** Notifications: inbox, class notice board (issue 9 item 5): zh-CN, the reference key set. */
export const noticesZhCN = {
  tab: '通知公告',
};
export type NoticesMessages = typeof noticesZhCN;
