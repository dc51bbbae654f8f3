import { ATTENDANCE_REFUSAL_MESSAGES } from '@ganxun/domain';
import type { Texts } from './types.js';

/** Field and custom-issue messages of the attendance module (keys raised by its contracts and service). */
export const ATTENDANCE_MESSAGES: Record<string, Texts> = {
  qr_expired: ATTENDANCE_REFUSAL_MESSAGES.qr_expired,
  qr_forged: ATTENDANCE_REFUSAL_MESSAGES.qr_forged,
  qr_wrong_session: ATTENDANCE_REFUSAL_MESSAGES.qr_wrong_session,
  qr_malformed: ATTENDANCE_REFUSAL_MESSAGES.qr_malformed,
  qr_revoked: ATTENDANCE_REFUSAL_MESSAGES.qr_revoked,
  not_enrolled: ATTENDANCE_REFUSAL_MESSAGES.not_enrolled,
  check_out_not_used: ATTENDANCE_REFUSAL_MESSAGES.check_out_not_used,
  checkin_not_open: ATTENDANCE_REFUSAL_MESSAGES.not_open_yet,
  checkin_closed: ATTENDANCE_REFUSAL_MESSAGES.closed,
  checkout_not_open: {
    'zh-CN': '签退尚未开始',
    'zh-TW': '簽退尚未開始',
    en: 'Check-out is not open yet',
  },
  checkout_closed: { 'zh-CN': '签退已结束', 'zh-TW': '簽退已結束', en: 'Check-out has closed' },
  not_expected_at_session: {
    'zh-CN': '该学员不参加本课程（不在本课程的小组中）',
    'zh-TW': '該學員不參加本課程（不在本課程的小組中）',
    en: 'this trainee is not in the groups of this item',
  },
  not_in_session: {
    'zh-CN': '该学员不是本课程的学员',
    'zh-TW': '該學員不是本課程的學員',
    en: 'not a trainee of this item',
  },
  one_of_token_card_person: {
    'zh-CN': '请提供二维码、学员证或学员中的一项',
    'zh-TW': '請提供二維碼、學員證或學員中的一項',
    en: 'give exactly one of a code, a card or a person',
  },
  not_with_token: {
    'zh-CN': '扫描二维码签到时不需指定课程',
    'zh-TW': '掃描二維碼簽到時不需指定課程',
    en: 'the code already names the item',
  },
  // Raised as a custom issue by checkInBody (sessionId) and offlineQueueItem (cardToken).
  required: { 'zh-CN': '必填', 'zh-TW': '必填', en: 'is required' },
  enrollment_repeated: {
    'zh-CN': '同一学员只能出现一次',
    'zh-TW': '同一學員只能出現一次',
    en: 'this trainee is listed more than once',
  },
};
