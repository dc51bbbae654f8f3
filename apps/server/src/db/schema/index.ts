export * from './attendance.js';
export * from './directory.js';
export * from './evaluation.js';
export * from './leave.js';
export * from './platform.js';
export * from './results.js';
export * from './timetable.js';
export * from './training.js';
