import type { Texts } from './types.js';

/** Field and custom-issue messages of the leave module. */
export const LEAVE_MESSAGES: Record<string, Texts> = {};
