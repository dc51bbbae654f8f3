export * from './attendance.js';
export * from './directory.js';
export * from './platform.js';
export * from './timetable.js';
export * from './training.js';
