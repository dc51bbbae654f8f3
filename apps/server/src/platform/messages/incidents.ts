import type { Texts } from './types.js';

/** Field and custom-issue messages of the incidents module (issue 9). */
export const INCIDENTS_MESSAGES: Record<string, Texts> = {};
