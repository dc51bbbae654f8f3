import { ERROR_MESSAGES, type ErrorCode, type FieldError, type MessageLocale } from '@ganxun/domain';
import { z } from 'zod';
import { ATTENDANCE_MESSAGES } from './messages/attendance.js';
import { CERTIFICATES_MESSAGES } from './messages/certificates.js';
import { CLASSES_MESSAGES } from './messages/classes.js';
import { COMPLETION_MESSAGES } from './messages/completion.js';
import { DASHBOARD_MESSAGES } from './messages/dashboard.js';
import { DOCUMENTS_MESSAGES } from './messages/documents.js';
import { EXCHANGE_STATS_MESSAGES } from './messages/exchange-stats.js';
import { EXPORTS_MESSAGES } from './messages/exports.js';
import { IMPORTS_MESSAGES } from './messages/imports.js';
import { INCIDENTS_MESSAGES } from './messages/incidents.js';
import { LEAVE_MESSAGES } from './messages/leave.js';
import { LECTURERS_MESSAGES } from './messages/lecturers.js';
import { LOGISTICS_MESSAGES } from './messages/logistics.js';
import { NOMINATIONS_MESSAGES } from './messages/nominations.js';
import { NOTICES_MESSAGES } from './messages/notices.js';
import { PARTNERSHIPS_MESSAGES } from './messages/partnerships.js';
import { PEOPLE_MESSAGES } from './messages/people.js';
import { PLANS_MESSAGES } from './messages/plans.js';
import { QUESTIONS_MESSAGES } from './messages/questions.js';
import { REGIONS_MESSAGES } from './messages/regions.js';
import { REPORTS_MESSAGES } from './messages/reports.js';
import { ROSTERS_MESSAGES } from './messages/rosters.js';
import { SAVED_REPORTS_MESSAGES } from './messages/saved-reports.js';
import { SCHEDULES_MESSAGES } from './messages/schedules.js';
import { SECONDMENT_IMPORTS_MESSAGES } from './messages/secondment-imports.js';
import { SECONDMENTS_MESSAGES } from './messages/secondments.js';
import { SESSIONS_MESSAGES } from './messages/sessions.js';
import { STATS_MESSAGES } from './messages/stats.js';
import { SURVEYS_MESSAGES } from './messages/surveys.js';
import { TASKS_MESSAGES } from './messages/tasks.js';
import { TRAINING_RECORDS_MESSAGES } from './messages/training-records.js';
import type { Texts } from './messages/types.js';
import { UNITS_MESSAGES } from './messages/units.js';
import { VENUES_MESSAGES } from './messages/venues.js';

/** Picks zh-CN, zh-TW or en from an Accept-Language header (zh-CN when nothing matches). */
export function localeFromHeader(header: string | undefined): MessageLocale {
  if (!header) return 'zh-CN';
  const tags = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    if (tag === 'zh-tw' || tag === 'zh-hk' || tag === 'zh-mo' || tag.startsWith('zh-hant')) return 'zh-TW';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function errorMessage(code: ErrorCode, locale: MessageLocale): string {
  return ERROR_MESSAGES[code][locale];
}

/** Messages for the custom issue keys that domain schemas raise (`{ message: 'scope_required' }`). */
const CUSTOM: Record<string, Texts> = {
  ...REGIONS_MESSAGES,
  ...UNITS_MESSAGES,
  ...PEOPLE_MESSAGES,
  ...IMPORTS_MESSAGES,
  ...PLANS_MESSAGES,
  ...QUESTIONS_MESSAGES,
  ...LOGISTICS_MESSAGES,
  ...TASKS_MESSAGES,
  ...INCIDENTS_MESSAGES,
  ...NOTICES_MESSAGES,
  ...CLASSES_MESSAGES,
  ...NOMINATIONS_MESSAGES,
  ...ROSTERS_MESSAGES,
  ...LECTURERS_MESSAGES,
  ...VENUES_MESSAGES,
  ...SESSIONS_MESSAGES,
  ...SCHEDULES_MESSAGES,
  ...ATTENDANCE_MESSAGES,
  ...PARTNERSHIPS_MESSAGES,
  ...SECONDMENTS_MESSAGES,
  ...SECONDMENT_IMPORTS_MESSAGES,
  ...EXCHANGE_STATS_MESSAGES,
  ...LEAVE_MESSAGES,
  ...SURVEYS_MESSAGES,
  ...COMPLETION_MESSAGES,
  ...CERTIFICATES_MESSAGES,
  ...TRAINING_RECORDS_MESSAGES,
  ...STATS_MESSAGES,
  ...DASHBOARD_MESSAGES,
  ...REPORTS_MESSAGES,
  ...DOCUMENTS_MESSAGES,
  ...SAVED_REPORTS_MESSAGES,
  ...EXPORTS_MESSAGES,
  control_chars: {
    'zh-CN': '不能包含控制字符',
    'zh-TW': '不能包含控制字元',
    en: 'must not contain control characters',
  },
  scope_required: {
    'zh-CN': '此角色必须指定范围',
    'zh-TW': '此角色必須指定範圍',
    en: 'this role needs a scope',
  },
  scope_not_allowed: {
    'zh-CN': '此角色不需要范围',
    'zh-TW': '此角色不需要範圍',
    en: 'this role takes no scope',
  },
  region_code_format: {
    'zh-CN': '应为6位行政区划代码',
    'zh-TW': '應為6位行政區劃代碼',
    en: 'must be a 6-digit administrative division code',
  },
  scope_unknown: {
    'zh-CN': '范围不存在或已失效（行政区划已撤销或单位已合并）',
    'zh-TW': '範圍不存在或已失效（行政區劃已撤銷或單位已合併）',
    en: 'no such scope, or no longer in use (region abolished or unit merged)',
  },
  username_format: {
    'zh-CN': '用户名为3–40位字母、数字、下划线、点或连字符',
    'zh-TW': '使用者名稱為3–40位字母、數字、底線、點或連字號',
    en: '3–40 letters, digits, underscores, dots or hyphens',
  },
  totp_format: { 'zh-CN': '应为6位数字', 'zh-TW': '應為6位數字', en: 'must be 6 digits' },
  item_code_format: {
    'zh-CN': '代码只能包含字母、数字、下划线、点或连字符',
    'zh-TW': '代碼只能包含字母、數字、底線、點或連字號',
    en: 'letters, digits, underscores, dots or hyphens only',
  },
};

const T = {
  required: { 'zh-CN': '必填', 'zh-TW': '必填', en: 'is required' },
  type: { 'zh-CN': '类型应为 {x}', 'zh-TW': '類型應為 {x}', en: 'must be of type {x}' },
  empty: { 'zh-CN': '不能为空', 'zh-TW': '不能為空', en: 'must not be empty' },
  minChars: {
    'zh-CN': '至少 {x} 个字符',
    'zh-TW': '至少 {x} 個字元',
    en: 'must have at least {x} characters',
  },
  maxChars: {
    'zh-CN': '不能超过 {x} 个字符',
    'zh-TW': '不能超過 {x} 個字元',
    en: 'must have at most {x} characters',
  },
  min: { 'zh-CN': '不能小于 {x}', 'zh-TW': '不能小於 {x}', en: 'must be at least {x}' },
  max: { 'zh-CN': '不能大于 {x}', 'zh-TW': '不能大於 {x}', en: 'must be at most {x}' },
  minItems: { 'zh-CN': '至少 {x} 项', 'zh-TW': '至少 {x} 項', en: 'must have at least {x} items' },
  maxItems: { 'zh-CN': '最多 {x} 项', 'zh-TW': '最多 {x} 項', en: 'must have at most {x} items' },
  format: { 'zh-CN': '格式不正确', 'zh-TW': '格式不正確', en: 'has an invalid format' },
  oneOf: { 'zh-CN': '取值无效，可选：{x}', 'zh-TW': '取值無效，可選：{x}', en: 'must be one of: {x}' },
  unknown: { 'zh-CN': '不允许的字段', 'zh-TW': '不允許的欄位', en: 'is not an allowed field' },
  integer: { 'zh-CN': '应为整数', 'zh-TW': '應為整數', en: 'must be an integer' },
} satisfies Record<string, Texts>;

function t(texts: Texts, locale: MessageLocale, x?: unknown): string {
  return texts[locale].replace('{x}', String(x));
}

const ZOD_LOCALES = { 'zh-CN': z.locales.zhCN(), 'zh-TW': z.locales.zhTW(), en: z.locales.en() };

/** Turns zod issues into field errors with messages in the caller's language. */
export function fieldErrorsFromIssues(
  issues: readonly z.core.$ZodIssue[],
  locale: MessageLocale,
  prefix: string[] = [],
): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ path: [...path, key].join('.'), code: 'unknown_field', message: t(T.unknown, locale) });
      continue;
    }
    // Custom checks carry their own key (`scope_required`), which says more than zod's `custom`.
    const code =
      (issue.code === 'custom' || issue.code === 'invalid_format') && CUSTOM[issue.message]
        ? issue.message
        : issue.code;
    out.push({ path: path.join('.'), code, message: describe(issue, locale) });
  }
  return out;
}

function describe(issue: z.core.$ZodIssue, locale: MessageLocale): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.includes('received undefined')
        ? t(T.required, locale)
        : t(T.type, locale, issue.expected);
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? t(T.empty, locale) : t(T.minChars, locale, n);
      if (issue.origin === 'array' || issue.origin === 'set') return t(T.minItems, locale, n);
      return t(T.min, locale, n);
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return t(T.maxChars, locale, n);
      if (issue.origin === 'array' || issue.origin === 'set') return t(T.maxItems, locale, n);
      return t(T.max, locale, n);
    }
    case 'invalid_format':
      return CUSTOM[issue.message]?.[locale] ?? t(T.format, locale);
    case 'invalid_value':
      return t(T.oneOf, locale, issue.values.map(String).join(' / '));
    case 'custom':
      return CUSTOM[issue.message]?.[locale] ?? issue.message;
    case 'not_multiple_of':
      return t(T.integer, locale);
    default: {
      const fallback = ZOD_LOCALES[locale].localeError(issue as never);
      return (
        CUSTOM[issue.message]?.[locale] ??
        (typeof fallback === 'string' ? fallback : (fallback?.message ?? issue.message))
      );
    }
  }
}

/** Messages for field-level problems that services report by key (password policy, uniqueness…). */
export const FIELD_MESSAGES: Record<string, Texts> = {
  ...CUSTOM,
  too_short: {
    'zh-CN': '密码长度不足 {x} 位',
    'zh-TW': '密碼長度不足 {x} 位',
    en: 'must be at least {x} characters',
  },
  too_long: { 'zh-CN': '密码过长', 'zh-TW': '密碼過長', en: 'is too long' },
  too_few_classes: {
    'zh-CN': '需包含大写字母、小写字母、数字、符号中的至少 {x} 类',
    'zh-TW': '需包含大寫字母、小寫字母、數字、符號中的至少 {x} 類',
    en: 'must mix at least {x} of: upper case, lower case, digits, symbols',
  },
  contains_username: {
    'zh-CN': '不能包含用户名',
    'zh-TW': '不能包含使用者名稱',
    en: 'must not contain the username',
  },
  reused: {
    'zh-CN': '不能与最近 {x} 次使用过的密码相同',
    'zh-TW': '不能與最近 {x} 次使用過的密碼相同',
    en: 'must differ from the last {x} passwords',
  },
  wrong_password: { 'zh-CN': '当前密码不正确', 'zh-TW': '目前密碼不正確', en: 'is not the current password' },
  totp_not_started: {
    'zh-CN': '请先开始设置双因素认证',
    'zh-TW': '請先開始設定雙因素驗證',
    en: 'start the two-factor set-up first',
  },
  totp_wrong: {
    'zh-CN': '验证码不正确或已过期',
    'zh-TW': '驗證碼不正確或已過期',
    en: 'the code is wrong or has expired',
  },
  taken: { 'zh-CN': '已被使用', 'zh-TW': '已被使用', en: 'is already taken' },
  two_admin_roles: {
    'zh-CN': '三员分立：同一账号只能担任系统管理员、安全管理员、安全审计员中的一个',
    'zh-TW': '三員分立：同一帳號只能擔任系統管理員、安全管理員、安全審計員中的一個',
    en: 'separation of duties: one account may hold only one of the three administrator roles',
  },
  admin_with_business_role: {
    'zh-CN': '三员分立：管理员角色不能与业务角色同时授予',
    'zh-TW': '三員分立：管理員角色不能與業務角色同時授予',
    en: 'separation of duties: administrator roles cannot be combined with business roles',
  },
  duplicate_assignment: { 'zh-CN': '角色重复', 'zh-TW': '角色重複', en: 'the same role is assigned twice' },
  self_role_change: {
    'zh-CN': '不能修改自己的角色',
    'zh-TW': '不能修改自己的角色',
    en: 'you cannot change your own roles',
  },
  not_editable: {
    'zh-CN': '国家标准代码表为只读',
    'zh-TW': '國家標準代碼表為唯讀',
    en: 'national-standard lists are read-only',
  },
  last_admin: {
    'zh-CN': '至少需要保留一个启用的该类管理员',
    'zh-TW': '至少需要保留一個啟用的該類管理員',
    en: 'at least one active holder of this administrator role must remain',
  },
};

/** A localised field message from FIELD_MESSAGES, with `{x}` filled in. */
export function fieldMessage(key: string, locale: MessageLocale, x?: unknown): string {
  const texts = FIELD_MESSAGES[key];
  return texts ? t(texts, locale, x) : key;
}
