import type { Texts } from './types.js';

/** Field and custom-issue messages of the lecturers module (keys raised by its contracts and service). */
export const LECTURERS_MESSAGES: Record<string, Texts> = {};
