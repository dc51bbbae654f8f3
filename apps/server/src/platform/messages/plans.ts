import type { Texts } from './types.js';

/** Field and custom-issue messages of the plans module (keys raised by its contracts and service). */
export const PLANS_MESSAGES: Record<string, Texts> = {};
