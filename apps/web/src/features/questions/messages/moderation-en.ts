import type { ModerationMessages } from './moderation-zh-CN';

/** Live questions, moderation and the class's questions tab: en. */
export const moderationEn: ModerationMessages = {
  tab: 'Live Q&A',
};
