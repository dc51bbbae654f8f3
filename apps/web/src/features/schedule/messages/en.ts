/** Personal schedules: en. */
export const scheduleEn = {};
