import type { QuestionsMessages } from './zh-CN';

/** Live questions, the phone board and the presenter view: zh-TW. */
export const questionsZhTW: QuestionsMessages = {
  status: {
    pending: '待審核',
    open: '已展示',
    answering: '正在回答',
    answered: '已回答',
    answered_in_writing: '書面答覆',
    hidden: '已隱藏',
    merged: '已合併',
  },
};
