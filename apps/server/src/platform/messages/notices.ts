import type { Texts } from './types.js';

/** Field and custom-issue messages of the notices module (issue 9). */
export const NOTICES_MESSAGES: Record<string, Texts> = {};
