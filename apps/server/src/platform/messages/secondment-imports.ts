import type { Texts } from './types.js';

/** Field and custom-issue messages of the secondment import and export (xlsx). */
export const SECONDMENT_IMPORTS_MESSAGES: Record<string, Texts> = {};
