import { z } from 'zod';
import { multilineText, text } from './common.js';

/**
 * Notifications (issue 9 item 5): every notice lands in the recipient's in-app inbox first — that
 * copy is never lost — and may also go out by email (SMTP) and SMS (an HTTP gateway), each delivery
 * a job of the Postgres job queue with retries and a delivery log. A class has a notice board
 * (通知公告) whose notices record who has read them.
 */

export const NOTICE_CHANNELS = ['in_app', 'email', 'sms'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

/** What raised a notice: a person on the class's board, or an event of the system. */
export const NOTICE_KINDS = [
  'class_notice',
  'nomination_approved',
  'nomination_rejected',
  'timetable_changed',
  'leave_decided',
  'forms_to_fill',
  'certificate_issued',
  'task_overdue',
  'incident_raised',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const DELIVERY_STATUSES = ['queued', 'sent', 'retrying', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Who a class notice goes to. */
export const NOTICE_AUDIENCES = ['trainees', 'staff', 'everyone', 'users'] as const;
export type NoticeAudience = (typeof NOTICE_AUDIENCES)[number];

/** A notice's words in one language. */
export const noticeWords = z.strictObject({
  title: text(100),
  body: multilineText(5000).pipe(z.string().trim().min(1)),
});
export type NoticeWords = z.infer<typeof noticeWords>;

export const classNoticeBody = z
  .strictObject({
    title: text(100),
    body: multilineText(5000).pipe(z.string().trim().min(1)),
    audience: z.enum(NOTICE_AUDIENCES),
    /** audience `users`: these accounts (trainees or staff of the class). */
    userIds: z.array(z.uuid()).max(5000).default([]),
    /** Also by email / SMS to those who have an address or a number (in-app always). */
    email: z.boolean().default(false),
    sms: z.boolean().default(false),
    pinned: z.boolean().default(false),
    /** (G1) Optional versions for readers in other languages; title/body above are zh-CN. */
    texts: z.strictObject({ 'zh-TW': noticeWords.optional(), en: noticeWords.optional() }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.audience === 'users' && v.userIds.length === 0)
      ctx.addIssue({ code: 'custom', path: ['userIds'], message: 'no_recipients' });
  });
export type ClassNoticeBody = z.infer<typeof classNoticeBody>;

/** The words of an event's notice, in the recipient's language; `{x}` filled from `params`. */
const TEMPLATES: Record<
  Exclude<NoticeKind, 'class_notice'>,
  Record<'zh-CN' | 'zh-TW' | 'en', [string, string]>
> = {
  nomination_approved: {
    'zh-CN': ['报名已通过', '您报名参加的“{className}”已审核通过，请按通知按时报到。'],
    'zh-TW': ['報名已通過', '您報名參加的「{className}」已審核通過，請按通知按時報到。'],
    en: ['Nomination approved', 'Your place in "{className}" is confirmed. Please register on time.'],
  },
  nomination_rejected: {
    'zh-CN': ['报名未通过', '您报名参加的“{className}”未通过审核：{reason}'],
    'zh-TW': ['報名未通過', '您報名參加的「{className}」未通過審核：{reason}'],
    en: ['Nomination not approved', 'Your nomination to "{className}" was not approved: {reason}'],
  },
  timetable_changed: {
    'zh-CN': ['课程表调整', '“{className}”的课程表已调整：{summary}'],
    'zh-TW': ['課程表調整', '「{className}」的課程表已調整：{summary}'],
    en: ['Timetable changed', 'The timetable of "{className}" has changed: {summary}'],
  },
  leave_decided: {
    'zh-CN': ['请假审批结果', '您在“{className}”的请假申请{decision}。'],
    'zh-TW': ['請假審批結果', '您在「{className}」的請假申請{decision}。'],
    en: ['Leave decided', 'Your leave request in "{className}" was {decision}.'],
  },
  forms_to_fill: {
    'zh-CN': ['请填写评估问卷', '“{className}”有{count}份评估问卷待您填写。'],
    'zh-TW': ['請填寫評估問卷', '「{className}」有{count}份評估問卷待您填寫。'],
    en: ['Forms to fill', '"{className}" has {count} evaluation forms for you to fill in.'],
  },
  certificate_issued: {
    'zh-CN': ['结业证书已颁发', '您在“{className}”的结业证书（编号{number}）已颁发。'],
    'zh-TW': ['結業證書已頒發', '您在「{className}」的結業證書（編號{number}）已頒發。'],
    en: ['Certificate issued', 'Your certificate of "{className}" (no. {number}) has been issued.'],
  },
  task_overdue: {
    'zh-CN': ['工作任务已逾期', '“{className}”的任务“{task}”已超过完成期限（{due}）。'],
    'zh-TW': ['工作任務已逾期', '「{className}」的任務「{task}」已超過完成期限（{due}）。'],
    en: ['Task overdue', 'The task "{task}" of "{className}" was due on {due}.'],
  },
  incident_raised: {
    'zh-CN': ['突发事件报告', '“{className}”报告了{severity}突发事件：{title}'],
    'zh-TW': ['突發事件報告', '「{className}」報告了{severity}突發事件：{title}'],
    en: ['Incident reported', '"{className}" reported a {severity} incident: {title}'],
  },
};

type WordTable = Record<string, Record<'zh-CN' | 'zh-TW' | 'en', string>>;

/**
 * Parameters that are codes, worded per language when a notice is written: callers pass the code
 * (`decision: 'approved'`, `severity: 'high'`), never a word in one language. Every other parameter
 * (a class's or a person's name, a title, a reason, a summary) is filled in as given, in every
 * language — a name is never converted between simplified and traditional characters.
 */
export const NOTICE_PARAM_WORDS: Readonly<Record<string, WordTable>> = {
  /** A decision on the recipient's request (leave). */
  decision: {
    approved: { 'zh-CN': '已批准', 'zh-TW': '已核准', en: 'approved' },
    rejected: { 'zh-CN': '未获批准', 'zh-TW': '未獲批准', en: 'not approved' },
  },
  /** An incident's severity (INCIDENT_SEVERITIES), as the incidents pages word it. */
  severity: {
    low: { 'zh-CN': '一般', 'zh-TW': '一般', en: 'minor' },
    medium: { 'zh-CN': '较大', 'zh-TW': '較大', en: 'serious' },
    high: { 'zh-CN': '重大', 'zh-TW': '重大', en: 'major' },
    critical: { 'zh-CN': '特别重大', 'zh-TW': '特別重大', en: 'critical' },
  },
};

/** One parameter in a language: a code of NOTICE_PARAM_WORDS is worded, anything else kept as given. */
export function noticeParam(
  name: string,
  value: string | number | undefined,
  locale: 'zh-CN' | 'zh-TW' | 'en',
): string {
  if (value === undefined) return '';
  const words = NOTICE_PARAM_WORDS[name];
  const key = String(value);
  return words && Object.hasOwn(words, key) ? (words[key]?.[locale] ?? key) : key;
}

/** The title and text of an event's notice, in the recipient's language. */
export function noticeText(
  kind: Exclude<NoticeKind, 'class_notice'>,
  params: Record<string, string | number>,
  locale: 'zh-CN' | 'zh-TW' | 'en',
): { title: string; body: string } {
  const [title, body] = TEMPLATES[kind][locale];
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => noticeParam(k, params[k], locale));
  return { title: fill(title), body: fill(body) };
}

/** Retries of a failed delivery: 1, 2, 4, 8, 16 minutes, then failed for good. */
export const DELIVERY_MAX_ATTEMPTS = 6;
export function retryDelayMs(attempt: number): number {
  return 60_000 * 2 ** Math.max(0, attempt - 1);
}

/** Read receipts of a class notice. */
export function readShare(read: number, recipients: number): number | null {
  return recipients > 0 ? read / recipients : null;
}

export const inboxItemView = z.object({
  id: z.uuid(),
  kind: z.enum(NOTICE_KINDS),
  title: z.string(),
  body: z.string(),
  classId: z.uuid().nullable(),
  className: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type InboxItemView = z.infer<typeof inboxItemView>;

export const classNoticeView = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  title: z.string(),
  body: z.string(),
  audience: z.enum(NOTICE_AUDIENCES),
  pinned: z.boolean(),
  author: z.string(),
  createdAt: z.string(),
  recipients: z.number().int(),
  read: z.number().int(),
  /** Deliveries by channel and status (staff only). */
  deliveries: z.record(z.string(), z.record(z.string(), z.number().int())).nullable(),
  /** The reader's own receipt. */
  readAt: z.string().nullable(),
});
export type ClassNoticeView = z.infer<typeof classNoticeView>;

// --- inbox, notice board, preferences API views (G1)

/** GET /inbox: the reader's notices, newest first; `unread=true` keeps the unread ones. */
export const inboxQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type InboxQuery = z.input<typeof inboxQuery>;

export const inboxPage = z.object({
  items: z.array(inboxItemView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** All the reader's unread notices (not only this page's). */
  unread: z.number().int(),
});
export type InboxPage = z.infer<typeof inboxPage>;

export const unreadCountView = z.object({ unread: z.number().int() });
export type UnreadCountView = z.infer<typeof unreadCountView>;

/** After marking read: when, and how many remain unread. */
export const markReadView = z.object({ readAt: z.string().nullable(), unread: z.number().int() });
export type MarkReadView = z.infer<typeof markReadView>;

export const inboxNoticeParams = z.strictObject({ noticeId: z.uuid() });
export const classNoticeParams = z.strictObject({ id: z.uuid(), nid: z.uuid() });

/** GET /classes/{id}/notices: pinned first, then newest; `canSend` when the reader may post. */
export const classNoticeList = z.object({ items: z.array(classNoticeView), canSend: z.boolean() });
export type ClassNoticeList = z.infer<typeof classNoticeList>;

/** One recipient of a class notice: a trainee (enrolled, with an account) or staff of the class. */
export const noticeRecipientView = z.object({
  userId: z.uuid(),
  name: z.string(),
  role: z.enum(['trainee', 'staff']),
});
export type NoticeRecipientView = z.infer<typeof noticeRecipientView>;
export const noticeRecipientList = z.object({ items: z.array(noticeRecipientView) });
export type NoticeRecipientList = z.infer<typeof noticeRecipientList>;

/** GET …/notices/{nid}/receipts: who has read the notice (and when), who has not. */
export const noticeReceiptsView = z.object({
  noticeId: z.uuid(),
  recipients: z.number().int(),
  read: z.array(noticeRecipientView.extend({ readAt: z.string() })),
  unread: z.array(noticeRecipientView),
});
export type NoticeReceiptsView = z.infer<typeof noticeReceiptsView>;

/**
 * PUT /me/notification-preferences: where email goes (null: none; left out: unchanged, since the
 * address is never shown back in clear) and the channels wanted.
 */
export const notificationPreferencesBody = z.strictObject({
  email: z.string().trim().max(200).pipe(z.email()).nullable().optional(),
  emailOn: z.boolean(),
  smsOn: z.boolean(),
});
export type NotificationPreferencesBody = z.infer<typeof notificationPreferencesBody>;

/** The address is only ever shown masked (z***@example.cn). */
export const notificationPreferencesView = z.object({
  email: z.string().nullable(),
  emailOn: z.boolean(),
  smsOn: z.boolean(),
});
export type NotificationPreferencesView = z.infer<typeof notificationPreferencesView>;

/** Masks an email address for display: `zhang.san@example.cn` → `z***@example.cn`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

// --- deliveries API views (G2)

/** Why a delivery was not attempted (`last_error` of a `skipped` row). */
export const DELIVERY_SKIP_REASONS = ['channel_off', 'no_address', 'opted_out', 'account_disabled'] as const;
export type DeliverySkipReason = (typeof DELIVERY_SKIP_REASONS)[number];

/** GET /notices/{id}/deliveries: filter by channel and status, paged. */
export const deliveryLogQuery = z.object({
  channel: z.enum(['email', 'sms']).optional(),
  status: z.enum(DELIVERY_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type DeliveryLogQuery = z.input<typeof deliveryLogQuery>;

/** One delivery of a notice: to whom, by which channel, where (masked), how it went. */
export const deliveryView = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  channel: z.enum(['email', 'sms']),
  address: z.string().nullable(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  /** The last failure, or the skip reason (DELIVERY_SKIP_REASONS). */
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type DeliveryView = z.infer<typeof deliveryView>;

/** Per channel, per status: how many deliveries. */
export const deliveryCountsView = z.record(z.string(), z.record(z.string(), z.number().int()));
export type DeliveryCountsView = z.infer<typeof deliveryCountsView>;

export const deliveryLogView = z.object({
  noticeId: z.uuid(),
  counts: deliveryCountsView,
  items: z.array(deliveryView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type DeliveryLogView = z.infer<typeof deliveryLogView>;
