import type { Texts } from './types.js';

/** Field and custom-issue messages of the certificates module. */
export const CERTIFICATES_MESSAGES: Record<string, Texts> = {
  certificate_not_completed: {
    'zh-CN': '该学员尚未确认结业，不能发证',
    'zh-TW': '該學員尚未確認結業，不能發證',
    en: 'has not been confirmed as completed, so no certificate can be issued',
  },
  certificate_revoked: {
    'zh-CN': '该证书已作废',
    'zh-TW': '該證書已作廢',
    en: 'this certificate has been revoked',
  },
  certificate_number_invalid: {
    'zh-CN': '证书编号格式不正确或校验位有误',
    'zh-TW': '證書編號格式不正確或校驗位有誤',
    en: 'is not a valid certificate number (format or check character)',
  },
  seal_too_large: {
    'zh-CN': '印章图片不能超过 {x} MB',
    'zh-TW': '印章圖片不能超過 {x} MB',
    en: 'the seal image may be at most {x} MB',
  },
  seal_format: {
    'zh-CN': '印章图片须为 PNG 或 JPEG 格式',
    'zh-TW': '印章圖片須為 PNG 或 JPEG 格式',
    en: 'the seal image must be a PNG or JPEG file',
  },
};
