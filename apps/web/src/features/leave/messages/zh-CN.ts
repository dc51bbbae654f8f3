/** Leave: zh-CN, the reference key set. */
export const leaveZhCN = {
  title: '请假',
  placeholder: '建设中',
};
export type LeaveMessages = typeof leaveZhCN;
