import {
  type InboxItemView,
  type InboxPage,
  type MarkReadView,
  type MessageLocale,
  maskEmail,
  type NoticeKind,
  type NotificationPreferencesBody,
  type NotificationPreferencesView,
} from '@ganxun/domain';
import { and, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { classes, noticeRecipients, notices, notificationPreferences, users } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';

/**
 * The reader's inbox (one `notice_recipients` row per notice and reader, its `read_at` the read
 * receipt) and notification preferences. Only one's own rows are ever touched: a notice addressed
 * to someone else is not found.
 */

type Texts = Record<string, { title: string; body: string }> | null;

/** A notice's words in the reader's language (`texts`), else the zh-CN original. */
export function wordsFor(
  row: { title: string; body: string; texts: Texts },
  locale: MessageLocale,
): { title: string; body: string } {
  const other = locale === 'zh-CN' ? undefined : row.texts?.[locale];
  return other ?? { title: row.title, body: row.body };
}

/** The reader's language: the UI's (Accept-Language) when the request says, else the account's. */
export async function readerLocale(db: Executor, userId: string, header: MessageLocale | null) {
  if (header) return header;
  const [row] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return row?.locale ?? 'zh-CN';
}

/** The unread count: served by the partial index on (user_id) where read_at is null. */
export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(noticeRecipients)
    .where(and(eq(noticeRecipients.userId, userId), isNull(noticeRecipients.readAt)));
  return row?.n ?? 0;
}

export async function inboxPage(
  db: Db,
  ctx: RequestContext,
  query: { unread: boolean; page: number; pageSize: number },
  header: MessageLocale | null,
): Promise<InboxPage> {
  const me = requireActor(ctx.actor).id;
  const conditions: SQL[] = [eq(noticeRecipients.userId, me)];
  if (query.unread) conditions.push(isNull(noticeRecipients.readAt));
  const where = and(...conditions);
  const [rows, [total], unread, locale] = await Promise.all([
    db
      .select({
        id: notices.id,
        kind: notices.kind,
        title: notices.title,
        body: notices.body,
        texts: notices.texts,
        classId: notices.classId,
        className: classes.name,
        link: notices.link,
        createdAt: notices.createdAt,
        readAt: noticeRecipients.readAt,
      })
      .from(noticeRecipients)
      .innerJoin(notices, eq(notices.id, noticeRecipients.noticeId))
      .leftJoin(classes, eq(classes.id, notices.classId))
      .where(where)
      .orderBy(desc(noticeRecipients.createdAt), desc(noticeRecipients.noticeId))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(noticeRecipients).where(where),
    unreadCount(db, me),
    readerLocale(db, me, header),
  ]);
  const items: InboxItemView[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind as NoticeKind,
    ...wordsFor(r, locale),
    classId: r.classId,
    className: r.className,
    link: r.link,
    createdAt: r.createdAt.toISOString(),
    readAt: r.readAt?.toISOString() ?? null,
  }));
  return { items, total: total?.n ?? 0, page: query.page, pageSize: query.pageSize, unread };
}

/** Marks one of the reader's notices read (once: the first time stays); someone else's → 404. */
export async function markRead(db: Db, ctx: RequestContext, noticeId: string): Promise<MarkReadView> {
  const me = requireActor(ctx.actor).id;
  return db.transaction(async (tx) => {
    const mine = and(eq(noticeRecipients.noticeId, noticeId), eq(noticeRecipients.userId, me));
    const [updated] = await tx
      .update(noticeRecipients)
      .set({ readAt: new Date() })
      .where(and(mine, isNull(noticeRecipients.readAt)))
      .returning({ readAt: noticeRecipients.readAt });
    let readAt = updated?.readAt ?? null;
    if (updated) {
      await recordAudit(tx, ctx, { action: 'notice.read', entityType: 'notice', entityId: noticeId });
    } else {
      const [row] = await tx.select({ readAt: noticeRecipients.readAt }).from(noticeRecipients).where(mine);
      if (!row) throw AppError.notFound();
      readAt = row.readAt;
    }
    return { readAt: readAt?.toISOString() ?? null, unread: await unreadCount(tx, me) };
  });
}

/** Marks all the reader's notices read. */
export async function markAllRead(db: Db, ctx: RequestContext): Promise<MarkReadView> {
  const me = requireActor(ctx.actor).id;
  return db.transaction(async (tx) => {
    const now = new Date();
    const updated = await tx
      .update(noticeRecipients)
      .set({ readAt: now })
      .where(and(eq(noticeRecipients.userId, me), isNull(noticeRecipients.readAt)))
      .returning({ noticeId: noticeRecipients.noticeId });
    if (updated.length > 0) {
      await recordAudit(tx, ctx, {
        action: 'notice.read_all',
        entityType: 'user',
        entityId: me,
        detail: { count: updated.length },
      });
    }
    return { readAt: now.toISOString(), unread: 0 };
  });
}

const DEFAULT_PREFERENCES: NotificationPreferencesView = { email: null, emailOn: true, smsOn: true };

export async function preferencesOf(db: Executor, userId: string): Promise<NotificationPreferencesView> {
  const [row] = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  if (!row) return DEFAULT_PREFERENCES;
  return { email: row.emailMasked, emailOn: row.email, smsOn: row.sms };
}

/** Saves the reader's preferences: the address encrypted (and masked for display), audited masked. */
export async function putPreferences(
  db: Db,
  cipher: FieldCipher,
  ctx: RequestContext,
  body: NotificationPreferencesBody,
): Promise<NotificationPreferencesView> {
  const me = requireActor(ctx.actor).id;
  return db.transaction(async (tx) => {
    const before = await preferencesOf(tx, me);
    const address =
      body.email === undefined
        ? {}
        : body.email === null
          ? { emailEnc: null, emailMasked: null }
          : { emailEnc: cipher.encrypt(body.email), emailMasked: maskEmail(body.email) };
    const values = { ...address, email: body.emailOn, sms: body.smsOn, updatedAt: new Date() };
    await tx
      .insert(notificationPreferences)
      .values({ userId: me, ...values })
      .onConflictDoUpdate({ target: notificationPreferences.userId, set: values });
    const after = await preferencesOf(tx, me);
    await recordAudit(tx, ctx, {
      action: 'notification_preferences.update',
      entityType: 'user',
      entityId: me,
      changes: { before, after },
    });
    return after;
  });
}
