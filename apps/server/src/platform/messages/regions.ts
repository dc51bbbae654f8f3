import type { Texts } from './types.js';

/** Field and custom-issue messages of the regions module (keys raised by its contracts and service). */
export const REGIONS_MESSAGES: Record<string, Texts> = {};
