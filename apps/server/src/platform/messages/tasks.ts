import type { Texts } from './types.js';

/** Field and custom-issue messages of the tasks module (issue 9). */
export const TASKS_MESSAGES: Record<string, Texts> = {};
