import type { Texts } from './types.js';

/** Field and custom-issue messages of the certificates module. */
export const CERTIFICATES_MESSAGES: Record<string, Texts> = {};
