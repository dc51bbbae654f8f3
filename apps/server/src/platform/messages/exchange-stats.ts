import type { Texts } from './types.js';

/** Field and custom-issue messages of exchange statistics and the report narrative. */
export const EXCHANGE_STATS_MESSAGES: Record<string, Texts> = {};
