import type { Texts } from './types.js';

/** Field and custom-issue messages of the exports module (issue 8). */
export const EXPORTS_MESSAGES: Record<string, Texts> = {};
