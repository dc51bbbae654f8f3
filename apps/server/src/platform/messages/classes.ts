import type { Texts } from './types.js';

/** Field and custom-issue messages of the classes module (keys raised by its contracts and service). */
export const CLASSES_MESSAGES: Record<string, Texts> = {};
