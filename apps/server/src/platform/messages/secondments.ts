import type { Texts } from './types.js';

/** Field and custom-issue messages of secondments (挂职交流): terms, changes, logs, talks, assessments, alerts. */
export const SECONDMENTS_MESSAGES: Record<string, Texts> = {};
