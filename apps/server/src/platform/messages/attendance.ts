import type { Texts } from './types.js';

/** Field and custom-issue messages of the attendance module (keys raised by its contracts and service). */
export const ATTENDANCE_MESSAGES: Record<string, Texts> = {};
