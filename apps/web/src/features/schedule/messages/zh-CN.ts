/** Personal schedules: zh-CN, the reference key set. */
export const scheduleZhCN = {};
