import type { Texts } from './types.js';

/** Field and custom-issue messages of the exports module (issue 8). */
export const EXPORTS_MESSAGES: Record<string, Texts> = {
  export_not_ready: {
    'zh-CN': '文件尚未生成完毕',
    'zh-TW': '檔案尚未產生完畢',
    en: 'the file is not ready yet',
  },
  export_format_file: {
    'zh-CN': '请选择 DOCX 或 PDF 格式',
    'zh-TW': '請選擇 DOCX 或 PDF 格式',
    en: 'must be docx or pdf',
  },
  export_failed: {
    'zh-CN': '生成失败，请稍后重试',
    'zh-TW': '產生失敗，請稍後重試',
    en: 'the file could not be generated; please try again later',
  },
  export_user_disabled: {
    'zh-CN': '账号已停用，导出未生成',
    'zh-TW': '帳號已停用，匯出未產生',
    en: 'the account was disabled; the export was not generated',
  },
  export_forbidden: {
    'zh-CN': '无权生成此导出',
    'zh-TW': '無權產生此匯出',
    en: 'you may not generate this export',
  },
  export_not_found: {
    'zh-CN': '导出所依据的数据不存在或无权查看',
    'zh-TW': '匯出所依據的資料不存在或無權檢視',
    en: 'the data of this export does not exist or is not yours to see',
  },
  export_bad_params: {
    'zh-CN': '导出参数不正确',
    'zh-TW': '匯出參數不正確',
    en: 'the export parameters are invalid',
  },
};
