/**
 * Error codes shared by the server (which maps each to an HTTP status) and the web console
 * (which shows the message in the user's language). Add a code here, its HTTP status in the
 * server's `errors.ts`, and its messages below; the type checker reports any place left out.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'TOTP_REQUIRED',
  'TOTP_INVALID',
  'PASSWORD_CHANGE_REQUIRED',
  'TOTP_SETUP_REQUIRED',
  'PASSWORD_POLICY',
  'CSRF_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type MessageLocale = 'zh-CN' | 'zh-TW' | 'en';

/** Default human messages for every error code, in each supported language. */
export const ERROR_MESSAGES: Record<ErrorCode, Record<MessageLocale, string>> = {
  VALIDATION_FAILED: {
    'zh-CN': '提交的数据有误，请检查标出的字段',
    'zh-TW': '提交的資料有誤，請檢查標出的欄位',
    en: 'Some fields are invalid',
  },
  BAD_REQUEST: { 'zh-CN': '请求格式错误', 'zh-TW': '請求格式錯誤', en: 'The request is malformed' },
  PAYLOAD_TOO_LARGE: {
    'zh-CN': '提交的内容过大',
    'zh-TW': '提交的內容過大',
    en: 'The request body is too large',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    'zh-CN': '不支持的内容类型',
    'zh-TW': '不支援的內容類型',
    en: 'Unsupported content type',
  },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', 'zh-TW': '請先登入', en: 'Please sign in' },
  SESSION_EXPIRED: {
    'zh-CN': '登录已过期，请重新登录',
    'zh-TW': '登入已逾時，請重新登入',
    en: 'Your session has expired; please sign in again',
  },
  INVALID_CREDENTIALS: {
    'zh-CN': '用户名或密码错误',
    'zh-TW': '使用者名稱或密碼錯誤',
    en: 'Wrong username or password',
  },
  ACCOUNT_LOCKED: {
    'zh-CN': '账号已被锁定，请稍后再试或联系安全管理员',
    'zh-TW': '帳號已被鎖定，請稍後再試或聯絡安全管理員',
    en: 'The account is locked; try again later or ask the security administrator',
  },
  ACCOUNT_DISABLED: { 'zh-CN': '账号已停用', 'zh-TW': '帳號已停用', en: 'The account is disabled' },
  TOTP_REQUIRED: {
    'zh-CN': '请输入动态验证码',
    'zh-TW': '請輸入動態驗證碼',
    en: 'Enter the code from your authenticator app',
  },
  TOTP_INVALID: {
    'zh-CN': '动态验证码错误',
    'zh-TW': '動態驗證碼錯誤',
    en: 'The authenticator code is wrong',
  },
  PASSWORD_CHANGE_REQUIRED: {
    'zh-CN': '请先修改密码',
    'zh-TW': '請先修改密碼',
    en: 'You must change your password first',
  },
  TOTP_SETUP_REQUIRED: {
    'zh-CN': '请先设置双因素认证',
    'zh-TW': '請先設定雙因素驗證',
    en: 'You must set up two-factor authentication first',
  },
  PASSWORD_POLICY: {
    'zh-CN': '密码不符合安全策略',
    'zh-TW': '密碼不符合安全策略',
    en: 'The password does not meet the policy',
  },
  CSRF_INVALID: {
    'zh-CN': '请求校验失败，请刷新页面后重试',
    'zh-TW': '請求驗證失敗，請重新整理頁面後再試',
    en: 'Missing or wrong CSRF token; reload the page and retry',
  },
  FORBIDDEN: {
    'zh-CN': '没有权限执行此操作',
    'zh-TW': '沒有權限執行此操作',
    en: 'You are not allowed to do this',
  },
  NOT_FOUND: { 'zh-CN': '未找到', 'zh-TW': '找不到', en: 'Not found' },
  CONFLICT: { 'zh-CN': '与现有数据冲突', 'zh-TW': '與現有資料衝突', en: 'Conflicts with existing data' },
  RATE_LIMITED: {
    'zh-CN': '请求过于频繁，请稍后再试',
    'zh-TW': '請求過於頻繁，請稍後再試',
    en: 'Too many requests; try again later',
  },
  INTERNAL: { 'zh-CN': '服务器内部错误', 'zh-TW': '伺服器內部錯誤', en: 'Internal server error' },
  SERVICE_UNAVAILABLE: {
    'zh-CN': '该功能暂不可用，请联系系统管理员',
    'zh-TW': '該功能暫不可用，請聯絡系統管理員',
    en: 'This feature is unavailable on this server; ask the system administrator',
  },
};

/** One field-level problem: `path` is dotted (`roles.0.scopeId`), `message` is already localised. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldError[]; details?: Record<string, unknown> };
}
