import type { Texts } from './types.js';

/** Field and custom-issue messages of the sessions module (keys raised by its contracts and service). */
export const SESSIONS_MESSAGES: Record<string, Texts> = {};
