/** Attendance: zh-TW. */
export const attendanceZhTW = {};
