import type { ModerationMessages } from './moderation-zh-CN';

/** Live questions, moderation and the class's questions tab: zh-TW. */
export const moderationZhTW: ModerationMessages = {
  tab: '互動答疑',
};
