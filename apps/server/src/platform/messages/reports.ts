import type { Texts } from './types.js';

/** Field and custom-issue messages of the reports module (issue 8). */
export const REPORTS_MESSAGES: Record<string, Texts> = {};
