/** Timetable: zh-TW. */
export const timetableZhTW = {};
