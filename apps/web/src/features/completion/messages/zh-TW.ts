import type { CompletionMessages } from './zh-CN';

/** Completion: zh-TW. */
export const completionZhTW: CompletionMessages = {
  title: '結業',
  placeholder: '建設中',
};
