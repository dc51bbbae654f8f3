/** Attendance: zh-CN, the reference key set. */
export const attendanceZhCN = {};
