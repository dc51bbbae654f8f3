import type { Texts } from './types.js';

/** Field and custom-issue messages of the venues module (keys raised by its contracts and service). */
export const VENUES_MESSAGES: Record<string, Texts> = {};
