/** Timetable: en. */
export const timetableEn = {};
