import type { Texts } from './types.js';

/** Field and custom-issue messages of the dashboard module (issue 8). */
export const DASHBOARD_MESSAGES: Record<string, Texts> = {};
