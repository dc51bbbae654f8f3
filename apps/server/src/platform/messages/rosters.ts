import type { Texts } from './types.js';

/** Field and custom-issue messages of the rosters module (keys raised by its contracts and service). */
export const ROSTERS_MESSAGES: Record<string, Texts> = {};
