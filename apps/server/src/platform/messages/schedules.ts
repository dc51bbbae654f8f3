import type { Texts } from './types.js';

/** Field and custom-issue messages of the schedules module (keys raised by its contracts and service). */
export const SCHEDULES_MESSAGES: Record<string, Texts> = {};
