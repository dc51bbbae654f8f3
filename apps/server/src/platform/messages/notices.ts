import type { Texts } from './types.js';

/** Field and custom-issue messages of the notices module (issue 9). */
export const NOTICES_MESSAGES: Record<string, Texts> = {
  // G1: inbox and class notice board
  no_recipients: {
    'zh-CN': '没有可接收通知的人员（需有账号）',
    'zh-TW': '沒有可接收通知的人員（需有帳號）',
    en: 'nobody to send it to (recipients need an account)',
  },
  recipient_not_in_class: {
    'zh-CN': '不是本班次的学员或工作人员',
    'zh-TW': '不是本班次的學員或工作人員',
    en: 'is not a trainee or staff member of this class',
  },
  notice_class_cancelled: {
    'zh-CN': '班次已取消，不能发布通知',
    'zh-TW': '班次已取消，不能發布通知',
    en: 'the class is cancelled; no notices can be posted',
  },
  // G2
};
