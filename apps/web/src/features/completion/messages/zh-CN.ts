/** Completion: zh-CN, the reference key set. */
export const completionZhCN = {
  title: '结业',
  placeholder: '建设中',
};
export type CompletionMessages = typeof completionZhCN;
