import type { Texts } from './types.js';

/** Field and custom-issue messages of the nominations module (keys raised by its contracts and service). */
export const NOMINATIONS_MESSAGES: Record<string, Texts> = {};
