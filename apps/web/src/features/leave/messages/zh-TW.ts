import type { LeaveMessages } from './zh-CN';

/** Leave: zh-TW. */
export const leaveZhTW: LeaveMessages = {
  title: '請假',
  placeholder: '建設中',
};
