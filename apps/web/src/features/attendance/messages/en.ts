/** Attendance: en. */
export const attendanceEn = {};
