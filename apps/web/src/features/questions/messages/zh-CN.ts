/** Live questions, the phone board and the presenter view: zh-CN, the reference key set. */
export const questionsZhCN = {
  status: {
    pending: '待审核',
    open: '已展示',
    answering: '正在回答',
    answered: '已回答',
    answered_in_writing: '书面答复',
    hidden: '已隐藏',
    merged: '已合并',
  },
};
export type QuestionsMessages = typeof questionsZhCN;
