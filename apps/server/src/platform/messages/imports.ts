import type { Texts } from './types.js';

/** Field and custom-issue messages of the imports module (keys raised by its contracts and service). */
export const IMPORTS_MESSAGES: Record<string, Texts> = {};
