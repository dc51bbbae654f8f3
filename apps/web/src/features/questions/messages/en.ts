import type { QuestionsMessages } from './zh-CN';

/** Live questions, the phone board and the presenter view: en. */
export const questionsEn: QuestionsMessages = {
  status: {
    pending: 'Awaiting approval',
    open: 'Shown',
    answering: 'Being answered',
    answered: 'Answered',
    answered_in_writing: 'Answered in writing',
    hidden: 'Hidden',
    merged: 'Merged',
  },
};
