import type { Texts } from './types.js';

/** Field and custom-issue messages of the question boards (issue 10). */
export const QUESTIONS_MESSAGES: Record<string, Texts> = {
  board_closed: {
    'zh-CN': '提问已关闭：本课程的提问板不在开放时间内',
    'zh-TW': '提問已關閉：本課程的提問板不在開放時間內',
    en: 'the question board of this item is closed',
  },
  not_in_class: {
    'zh-CN': '只有本班学员（或受邀的线上观众）可以提问和点赞',
    'zh-TW': '只有本班學員（或受邀的線上觀眾）可以提問和點讚',
    en: 'only trainees of this class (or invited online viewers) may ask and vote',
  },
  anonymous_not_allowed: {
    'zh-CN': '本提问板不接受匿名提问',
    'zh-TW': '本提問板不接受匿名提問',
    en: 'this board does not take anonymous questions',
  },
  own_question: {
    'zh-CN': '不能为自己的问题点赞',
    'zh-TW': '不能為自己的問題點讚',
    en: 'you cannot vote for your own question',
  },
  already_voted: {
    'zh-CN': '您已为这个问题点过赞',
    'zh-TW': '您已為這個問題點過讚',
    en: 'you have already voted for this question',
  },
  not_open: {
    'zh-CN': '这个问题现在不能点赞（待审核、已回答或已隐藏）',
    'zh-TW': '這個問題現在不能點讚（待審核、已回答或已隱藏）',
    en: 'this question cannot take votes now (pending, answered or hidden)',
  },
  question_transition: {
    'zh-CN': '这个问题的当前状态不允许此操作（可能已被其他管理人处理），请刷新后重试',
    'zh-TW': '這個問題的目前狀態不允許此操作（可能已被其他管理人處理），請重新整理後重試',
    en: 'not allowed in the question’s current state (another moderator may have acted on it); refresh and try again',
  },
  merge_target_invalid: {
    'zh-CN': '只能合并到本提问板上另一个未隐藏、未合并的问题',
    'zh-TW': '只能合併到本提問板上另一個未隱藏、未合併的問題',
    en: 'a question can only be merged into another visible question of the same board',
  },
  merge_target_required: {
    'zh-CN': '请选择要合并到的问题',
    'zh-TW': '請選擇要合併到的問題',
    en: 'choose the question to merge into',
  },
  answer_required: {
    'zh-CN': '请填写书面答复',
    'zh-TW': '請填寫書面答覆',
    en: 'write the answer',
  },
  question_rate: {
    'zh-CN': '操作过于频繁：每分钟最多提问 {x} 次，请稍后再试',
    'zh-TW': '操作過於頻繁：每分鐘最多提問 {x} 次，請稍後再試',
    en: 'too many questions: at most {x} a minute',
  },
  vote_rate: {
    'zh-CN': '操作过于频繁：每分钟最多点赞 {x} 次，请稍后再试',
    'zh-TW': '操作過於頻繁：每分鐘最多點讚 {x} 次，請稍後再試',
    en: 'too many votes: at most {x} a minute',
  },
  not_moderator: {
    'zh-CN': '只有班主任、班级工作人员或本课程的授课人可以管理提问',
    'zh-TW': '只有班主任、班級工作人員或本課程的授課人可以管理提問',
    en: 'only the class director, the class staff or the lecturer of this item may moderate',
  },
};
