/** Live questions, moderation and the class's questions tab: zh-CN, the reference key set. */
export const moderationZhCN = {
  tab: '互动答疑',
};
export type ModerationMessages = typeof moderationZhCN;
