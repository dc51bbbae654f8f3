import type { Texts } from './types.js';

/** Field and custom-issue messages of the training-records module. */
export const TRAINING_RECORDS_MESSAGES: Record<string, Texts> = {
  no_person: {
    'zh-CN': '当前账号未关联人员信息，没有学时档案',
    'zh-TW': '目前帳號未關聯人員資料，沒有學時檔案',
    en: 'this account is not linked to a person, so it has no study-hour archive',
  },
  record_from_completion: {
    'zh-CN': '该记录由班次结业自动记入，只能通过撤销结业作废',
    'zh-TW': '該記錄由班次結業自動記入，只能透過撤銷結業作廢',
    en: 'was credited by a class completion and is voided only by withdrawing the completion',
  },
  record_already_voided: {
    'zh-CN': '该记录已作废',
    'zh-TW': '該記錄已作廢',
    en: 'has already been voided',
  },
};
