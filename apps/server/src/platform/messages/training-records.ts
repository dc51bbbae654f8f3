import type { Texts } from './types.js';

/** Field and custom-issue messages of the training-records module. */
export const TRAINING_RECORDS_MESSAGES: Record<string, Texts> = {};
