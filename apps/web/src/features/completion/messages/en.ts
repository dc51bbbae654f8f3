import type { CompletionMessages } from './zh-CN';

/** Completion: en. */
export const completionEn: CompletionMessages = {
  title: 'Completion',
  placeholder: 'Being built',
};
