/** Personal schedules: zh-TW. */
export const scheduleZhTW = {};
