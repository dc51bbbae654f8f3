import type { Texts } from './types.js';

/** Field and custom-issue messages of the units module (keys raised by its contracts and service). */
export const UNITS_MESSAGES: Record<string, Texts> = {};
