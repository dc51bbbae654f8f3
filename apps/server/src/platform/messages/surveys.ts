import type { Texts } from './types.js';

/** Field and custom-issue messages of the surveys module. */
export const SURVEYS_MESSAGES: Record<string, Texts> = {};
