import type { LeaveMessages } from './zh-CN';

/** Leave: en. */
export const leaveEn: LeaveMessages = {
  title: 'Leave',
  placeholder: 'Being built',
};
