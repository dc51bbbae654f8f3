import type { Texts } from './types.js';

/** Field and custom-issue messages of the completion module. */
export const COMPLETION_MESSAGES: Record<string, Texts> = {};
