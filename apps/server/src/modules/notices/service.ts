import {
  type ClassNoticeBody,
  type ClassNoticeList,
  type ClassNoticeView,
  type InboxPage,
  type MarkReadView,
  type MessageLocale,
  type NoticeAudience,
  type NoticeKind,
  type NoticeReceiptsView,
  type NoticeRecipientList,
  type NotificationPreferencesBody,
  type NotificationPreferencesView,
  noticeText,
} from '@ganxun/domain';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { noticeRecipients, notices, users } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import type { JobQueue } from '../../platform/jobs.js';
import { runs } from '../classes/policy.js';
import type { ClassService } from '../classes/service.js';
import { deliveryCounts, queueDeliveries } from './deliveries.js';
import {
  inboxPage,
  markAllRead,
  markRead,
  preferencesOf,
  putPreferences,
  readerLocale,
  unreadCount,
  wordsFor,
} from './inbox.js';
import { audienceIds, classMembers } from './recipients.js';

export interface NoticeServiceDeps {
  db: Db;
  classes: ClassService;
  jobs: JobQueue;
  cipher: FieldCipher;
}

/** An event's notice (nomination decided, timetable changed, task overdue…) to some users. */
export interface NotifyInput {
  kind: Exclude<NoticeKind, 'class_notice'>;
  classId: string | null;
  userIds: readonly string[];
  /** Filled into the notice's words (noticeText), e.g. { className, summary }. */
  params: Record<string, string | number>;
  /** Where the notice leads in the console (`/classes/…?tab=…`). */
  link?: string | null;
  /** Besides the inbox (always): email and/or SMS, to those who have an address. */
  channels?: readonly ('email' | 'sms')[];
}

type Channel = 'email' | 'sms';
/**
 * Inbox rows for any number of recipients in one statement with one parameter (an array literal,
 * cast: every id must be a uuid) — 10,000 in the benchmark.
 */
async function insertRecipients(exec: Executor, noticeId: string, userIds: readonly string[]): Promise<void> {
  await exec.execute(sql`
    insert into ${noticeRecipients} (notice_id, user_id)
    select ${noticeId}::uuid, u from unnest(${`{${userIds.join(',')}}`}::uuid[]) as u
    on conflict do nothing`);
}

/**
 * Notifications (issue 9 item 5): the inbox, class notice boards with read receipts, event notices
 * and their email / SMS deliveries through the job queue.
 *
 * `notify` is the one entry point other modules call, inside their own transaction: the in-app
 * copy is written with the change that caused it (so it is never lost), deliveries by other
 * channels are queued as jobs that commit with it.
 */
export class NoticeService {
  constructor(readonly deps: NoticeServiceDeps) {}

  async notify(exec: Executor, input: NotifyInput): Promise<string | null> {
    const userIds = [...new Set(input.userIds)];
    if (userIds.length === 0) return null;
    const zhCN = noticeText(input.kind, input.params, 'zh-CN');
    const [notice] = await exec
      .insert(notices)
      .values({
        kind: input.kind,
        classId: input.classId,
        title: zhCN.title,
        body: zhCN.body,
        texts: {
          'zh-TW': noticeText(input.kind, input.params, 'zh-TW'),
          en: noticeText(input.kind, input.params, 'en'),
        },
        link: input.link ?? null,
        channels: ['in_app', ...(input.channels ?? [])],
        recipients: userIds.length,
      })
      .returning({ id: notices.id });
    if (!notice) throw new Error('notice not inserted');
    await insertRecipients(exec, notice.id, userIds);
    if (input.channels?.length) {
      await queueDeliveries(exec, this.deps.jobs, {
        noticeId: notice.id,
        userIds,
        channels: input.channels,
      });
    }
    return notice.id;
  }

  // --- the reader's inbox and preferences (inbox.ts)

  inbox(
    ctx: RequestContext,
    query: { unread: boolean; page: number; pageSize: number },
    header: MessageLocale | null,
  ): Promise<InboxPage> {
    return inboxPage(this.deps.db, ctx, query, header);
  }

  async unread(ctx: RequestContext): Promise<{ unread: number }> {
    return { unread: await unreadCount(this.deps.db, requireActor(ctx.actor).id) };
  }

  markRead(ctx: RequestContext, noticeId: string): Promise<MarkReadView> {
    return markRead(this.deps.db, ctx, noticeId);
  }

  markAllRead(ctx: RequestContext): Promise<MarkReadView> {
    return markAllRead(this.deps.db, ctx);
  }

  preferences(ctx: RequestContext): Promise<NotificationPreferencesView> {
    return preferencesOf(this.deps.db, requireActor(ctx.actor).id);
  }

  putPreferences(
    ctx: RequestContext,
    body: NotificationPreferencesBody,
  ): Promise<NotificationPreferencesView> {
    return putPreferences(this.deps.db, this.deps.cipher, ctx, body);
  }

  // --- a class's notice board (通知公告)

  /**
   * Staff who send notices see every notice with its receipts and deliveries; anyone else who
   * reads the class (a trainee) sees those addressed to them, with their own receipt.
   */
  async board(ctx: RequestContext, classId: string, header: MessageLocale | null): Promise<ClassNoticeList> {
    const actor = requireActor(ctx.actor);
    const { db, classes } = this.deps;
    const record = await classes.load(classId);
    const staff = runs(actor, 'notice', record.place);
    if (!staff && !(await classes.canRead(ctx, record))) {
      const [addressed] = await db
        .select({ one: sql<number>`1` })
        .from(noticeRecipients)
        .innerJoin(notices, eq(notices.id, noticeRecipients.noticeId))
        .where(and(eq(notices.classId, classId), eq(noticeRecipients.userId, actor.id)))
        .limit(1);
      authorize(!!addressed, 'class.read', { type: 'class', id: classId });
    }
    const mine = and(eq(noticeRecipients.noticeId, notices.id), eq(noticeRecipients.userId, actor.id));
    const base = db
      .select({ notice: notices, author: users.displayName, readAt: noticeRecipients.readAt })
      .from(notices)
      .leftJoin(users, eq(users.id, notices.authorId));
    const rows = await (staff
      ? base.leftJoin(noticeRecipients, mine)
      : base.innerJoin(noticeRecipients, mine)
    )
      .where(and(eq(notices.classId, classId), eq(notices.kind, 'class_notice')))
      .orderBy(desc(notices.pinned), desc(notices.createdAt), desc(notices.id));
    const locale = await readerLocale(db, actor.id, header);
    const items = await this.present(rows, locale, staff);
    return { items, canSend: staff };
  }

  /** Rows → views: read counts in one grouped query, deliveries (staff) in another. */
  private async present(
    rows: { notice: typeof notices.$inferSelect; author: string | null; readAt: Date | null }[],
    locale: MessageLocale,
    staff: boolean,
  ): Promise<ClassNoticeView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.notice.id);
    const { db } = this.deps;
    const [readRows, delivered] = await Promise.all([
      db
        .select({
          noticeId: noticeRecipients.noticeId,
          read: sql<number>`count(*) filter (where ${noticeRecipients.readAt} is not null)::int`,
        })
        .from(noticeRecipients)
        .where(inArray(noticeRecipients.noticeId, ids))
        .groupBy(noticeRecipients.noticeId),
      staff ? deliveryCounts(db, ids) : Promise.resolve(null),
    ]);
    const read = new Map(readRows.map((r) => [r.noticeId, Number(r.read)]));
    return rows.map(({ notice: n, author, readAt }) => ({
      id: n.id,
      classId: n.classId ?? '',
      ...wordsFor(n, locale),
      audience: (n.audience ?? 'users') as NoticeAudience,
      pinned: n.pinned,
      author: author ?? '',
      createdAt: n.createdAt.toISOString(),
      recipients: n.recipients,
      read: read.get(n.id) ?? 0,
      deliveries: staff ? (delivered?.[n.id] ?? {}) : null,
      readAt: readAt?.toISOString() ?? null,
    }));
  }

  /** Those a notice of the class may be addressed to (the compose drawer's choice). */
  async recipientOptions(ctx: RequestContext, classId: string): Promise<NoticeRecipientList> {
    await this.deps.classes.requireRun(ctx, classId, 'notice');
    return { items: await classMembers(this.deps.db, classId) };
  }

  /**
   * Posts a notice on the class's board: recipients resolved from the audience (accounts only),
   * one notice and all inbox rows in one transaction, deliveries queued when email / SMS asked.
   */
  async post(
    ctx: RequestContext,
    classId: string,
    body: ClassNoticeBody,
    header: MessageLocale | null,
  ): Promise<ClassNoticeView> {
    const actor = requireActor(ctx.actor);
    const record = await this.deps.classes.requireRun(ctx, classId, 'notice');
    if (record.status === 'cancelled') throw AppError.field('CONFLICT', 'classId', 'notice_class_cancelled');
    const channels: Channel[] = [
      ...(body.email ? ['email' as const] : []),
      ...(body.sms ? ['sms' as const] : []),
    ];
    const row = await this.deps.db.transaction(async (tx) => {
      const members = await classMembers(tx, classId);
      if (body.audience === 'users') {
        const known = new Set(members.map((m) => m.userId));
        const outside = body.userIds.flatMap((id, i) =>
          known.has(id) ? [] : [{ path: `userIds.${i}`, key: 'recipient_not_in_class' }],
        );
        if (outside.length) throw new AppError('VALIDATION_FAILED', { fields: outside.slice(0, 20) });
      }
      const userIds = audienceIds(members, body.audience, body.userIds);
      if (userIds.length === 0) throw AppError.field('VALIDATION_FAILED', 'audience', 'no_recipients');
      const texts = Object.fromEntries(Object.entries(body.texts ?? {}).filter(([, v]) => v));
      const [notice] = await tx
        .insert(notices)
        .values({
          kind: 'class_notice',
          classId,
          title: body.title,
          body: body.body,
          texts: Object.keys(texts).length
            ? (texts as Record<string, { title: string; body: string }>)
            : null,
          link: `/classes/${classId}?tab=notices`,
          audience: body.audience,
          pinned: body.pinned,
          channels: ['in_app', ...channels],
          authorId: actor.id,
          recipients: userIds.length,
        })
        .returning();
      if (!notice) throw new Error('notice not inserted');
      await insertRecipients(tx, notice.id, userIds);
      if (channels.length) {
        await queueDeliveries(tx, this.deps.jobs, { noticeId: notice.id, userIds, channels });
      }
      await recordAudit(tx, ctx, {
        action: 'notice.create',
        entityType: 'notice',
        entityId: notice.id,
        detail: {
          classId,
          title: body.title,
          audience: body.audience,
          recipients: userIds.length,
          channels,
          pinned: body.pinned,
        },
      });
      return notice;
    });
    const mine = userIdsInclude(row.id, actor.id, this.deps.db);
    const locale = await readerLocale(this.deps.db, actor.id, header);
    const [view] = await this.present(
      [{ notice: row, author: actor.displayName, readAt: await mine }],
      locale,
      true,
    );
    if (!view) throw new Error('notice not presented');
    return view;
  }

  /** A class notice of this class (the board's), else 404. */
  private async classNotice(classId: string, noticeId: string) {
    const [row] = await this.deps.db
      .select()
      .from(notices)
      .where(and(eq(notices.id, noticeId), eq(notices.classId, classId), eq(notices.kind, 'class_notice')));
    if (!row) throw AppError.notFound();
    return row;
  }

  /** Who has read a notice and when, who has not (names), for the staff who send notices. */
  async receipts(ctx: RequestContext, classId: string, noticeId: string): Promise<NoticeReceiptsView> {
    await this.deps.classes.requireRun(ctx, classId, 'notice');
    const notice = await this.classNotice(classId, noticeId);
    const [rows, members] = await Promise.all([
      this.deps.db
        .select({ userId: noticeRecipients.userId, readAt: noticeRecipients.readAt, name: users.displayName })
        .from(noticeRecipients)
        .innerJoin(users, eq(users.id, noticeRecipients.userId))
        .where(eq(noticeRecipients.noticeId, noticeId)),
      classMembers(this.deps.db, classId),
    ]);
    const byId = new Map(members.map((m) => [m.userId, m]));
    const person = (r: (typeof rows)[number]) => {
      const m = byId.get(r.userId);
      return { userId: r.userId, name: m?.name ?? r.name, role: m?.role ?? ('staff' as const) };
    };
    const read = rows
      .filter((r) => r.readAt)
      .sort((a, b) => (a.readAt?.getTime() ?? 0) - (b.readAt?.getTime() ?? 0))
      .map((r) => ({ ...person(r), readAt: r.readAt?.toISOString() ?? '' }));
    const unread = rows
      .filter((r) => !r.readAt)
      .map(person)
      .sort((a, b) =>
        a.role === b.role ? a.name.localeCompare(b.name, 'zh-CN') : a.role === 'trainee' ? -1 : 1,
      );
    return { noticeId: notice.id, recipients: rows.length, read, unread };
  }

  /** A recipient marks a class notice read (the same receipt as the inbox's). */
  async readClassNotice(ctx: RequestContext, classId: string, noticeId: string): Promise<MarkReadView> {
    await this.classNotice(classId, noticeId);
    return markRead(this.deps.db, ctx, noticeId);
  }
}

/** The author's own receipt on a notice they posted (when they are among its recipients). */
async function userIdsInclude(noticeId: string, userId: string, db: Db): Promise<Date | null> {
  const [row] = await db
    .select({ readAt: noticeRecipients.readAt })
    .from(noticeRecipients)
    .where(and(eq(noticeRecipients.noticeId, noticeId), eq(noticeRecipients.userId, userId)));
  return row?.readAt ?? null;
}
