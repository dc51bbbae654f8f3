import type { Texts } from './types.js';

/** Field and custom-issue messages of pairings (结对协作) and their joint classes. */
export const PARTNERSHIPS_MESSAGES: Record<string, Texts> = {};
