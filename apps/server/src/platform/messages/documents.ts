import type { Texts } from './types.js';

/** Field and custom-issue messages of the documents module (issue 8). */
export const DOCUMENTS_MESSAGES: Record<string, Texts> = {};
