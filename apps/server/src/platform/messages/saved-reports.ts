import type { Texts } from './types.js';

/** Field and custom-issue messages of the saved-reports module (issue 8). */
export const SAVED_REPORTS_MESSAGES: Record<string, Texts> = {};
