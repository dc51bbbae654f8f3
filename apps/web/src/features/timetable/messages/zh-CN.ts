/** Timetable: zh-CN, the reference key set. */
export const timetableZhCN = {};
