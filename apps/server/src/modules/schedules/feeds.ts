import { randomBytes } from 'node:crypto';
import type { CreateFeedBody, FeedView } from '@ganxun/domain';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { calendarFeeds, classes, classSessions, lecturers, users } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { sha256 } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { hitRateLimit } from '../../platform/rate-limit.js';
import { lecturerIdOfUser } from '../lecturers/links.js';
import { personIdOfUser, timetableAccess } from './access.js';
import { calendarOf, entriesOf } from './ical.js';
import { labelsFor, type ScheduleLabels } from './labels.js';
import { lecturerItem, publishedItem, scheduleOf, traineeItem } from './my-schedule.js';
import type { ScheduleService } from './service.js';

type FeedRow = typeof calendarFeeds.$inferSelect;

/** Fetches of feed URLs allowed per client address and minute (guessing tokens is pointless anyway). */
export const FEED_RATE_LIMIT_PER_MINUTE = 120;
/** A feed holds at most this many items (the newest). */
const FEED_MAX_ITEMS = 2000;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * iCalendar feeds on secret URLs (`/api/v1/feeds/<token>.ics`): a class's timetable, a trainee's
 * own schedule or a lecturer's teaching. The token (32 random bytes) is shown once; only its
 * SHA-256 is stored. A revoked feed, or one whose owner's account is no longer active, is 404
 * like an unknown token. Feeds show published timetables only.
 */
export class CalendarFeeds {
  constructor(private readonly s: ScheduleService) {}

  /** Creates a feed of the reader's (audited); the answer carries the URL, once. */
  async create(ctx: RequestContext, body: CreateFeedBody, origin: string): Promise<FeedView> {
    const actor = requireActor(ctx.actor);
    const { db } = this.s;
    let classId: string | null = null;
    let personId: string | null = null;
    let lecturerId: string | null = null;
    if (body.scope === 'class') {
      classId = (await timetableAccess(db, this.s.classes, ctx, body.classId as string)).record.id;
    } else if (body.scope === 'trainee') {
      personId = await personIdOfUser(db, actor.id);
      if (!personId) throw AppError.field('VALIDATION_FAILED', 'scope', 'feed_no_person');
    } else if (body.lecturerId) {
      const [lecturer] = await db
        .select({ id: lecturers.id })
        .from(lecturers)
        .where(eq(lecturers.id, body.lecturerId));
      if (!lecturer) throw AppError.field('VALIDATION_FAILED', 'lecturerId', 'lecturer_unknown');
      const own = (await lecturerIdOfUser(db, actor.id)) === lecturer.id;
      authorize(own || actor.permissions.has('lecturer.edit'), 'lecturer.edit', {
        type: 'lecturer',
        id: lecturer.id,
      });
      lecturerId = lecturer.id;
    } else {
      lecturerId = await lecturerIdOfUser(db, actor.id);
      if (!lecturerId) throw AppError.field('VALIDATION_FAILED', 'lecturerId', 'feed_no_lecturer');
    }
    const token = randomBytes(32).toString('base64url');
    const row = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(calendarFeeds)
        .values({
          tokenHash: sha256(token),
          scope: body.scope,
          classId,
          personId,
          lecturerId,
          ownerId: actor.id,
        })
        .returning();
      if (!created) throw new Error('feed not inserted');
      await recordAudit(tx, ctx, {
        action: 'feed.create',
        entityType: 'calendar_feed',
        entityId: created.id,
        detail: { scope: body.scope, classId, lecturerId, personId },
      });
      return created;
    });
    const [view] = await this.present(ctx, [row]);
    if (!view) throw AppError.notFound();
    return { ...view, url: `${origin}/api/v1/feeds/${token}.ics` };
  }

  /** The reader's own feeds, newest first (revoked ones too, marked). */
  async list(ctx: RequestContext): Promise<{ items: FeedView[] }> {
    const actor = requireActor(ctx.actor);
    const rows = await this.s.db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.ownerId, actor.id))
      .orderBy(desc(calendarFeeds.createdAt), desc(calendarFeeds.id));
    return { items: await this.present(ctx, rows) };
  }

  /** Revokes one of the reader's feeds (audited); another's or an unknown one is 404. */
  async revoke(ctx: RequestContext, id: string): Promise<void> {
    const actor = requireActor(ctx.actor);
    await this.s.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.id, id), eq(calendarFeeds.ownerId, actor.id)))
        .for('update');
      if (!row) throw AppError.notFound();
      if (row.revokedAt) return;
      await tx.update(calendarFeeds).set({ revokedAt: new Date() }).where(eq(calendarFeeds.id, id));
      await recordAudit(tx, ctx, {
        action: 'feed.revoke',
        entityType: 'calendar_feed',
        entityId: id,
        detail: { scope: row.scope, classId: row.classId, lecturerId: row.lecturerId },
      });
    });
  }

  /**
   * The calendar behind a token (public): rate limited per address; unknown, malformed or
   * revoked tokens are 404. Records when it was last fetched.
   */
  async render(ctx: RequestContext, token: string): Promise<string> {
    const { db } = this.s;
    const limit = await hitRateLimit(
      db,
      `feed:ip:${ctx.ip ?? 'unknown'}`,
      FEED_RATE_LIMIT_PER_MINUTE,
      60_000,
    );
    if (!limit.allowed) throw new AppError('RATE_LIMITED');
    if (!TOKEN.test(token)) throw AppError.notFound();
    const [hit] = await db
      .select({ feed: calendarFeeds })
      .from(calendarFeeds)
      .innerJoin(users, eq(users.id, calendarFeeds.ownerId))
      .where(
        and(
          eq(calendarFeeds.tokenHash, sha256(token)),
          isNull(calendarFeeds.revokedAt),
          eq(users.status, 'active'),
        ),
      );
    if (!hit) throw AppError.notFound();
    const { feed } = hit;
    await db.update(calendarFeeds).set({ lastUsedAt: new Date() }).where(eq(calendarFeeds.id, feed.id));
    const labels = labelsFor(ctx.locale);
    const rule = await this.s.rule();
    const where =
      feed.scope === 'class'
        ? and(eq(classSessions.classId, feed.classId as string), publishedItem)
        : feed.scope === 'trainee'
          ? and(traineeItem({ personId: feed.personId as string }), publishedItem)
          : and(lecturerItem(feed.lecturerId as string), publishedItem);
    const schedule = await scheduleOf(db, where, ctx.locale, rule, {
      lecturerId: feed.lecturerId,
      newestFirst: true,
      limit: FEED_MAX_ITEMS,
    });
    const [name] = await this.labelsOf(labels, [feed]);
    return calendarOf(name ?? labels.myClasses, entriesOf(schedule.items), labels);
  }

  private async present(ctx: RequestContext, rows: FeedRow[]): Promise<FeedView[]> {
    const names = await this.labelsOf(labelsFor(ctx.locale), rows);
    return rows.map((row, i) => ({
      id: row.id,
      scope: row.scope,
      label: names[i] ?? '',
      classId: row.classId,
      lecturerId: row.lecturerId,
      url: null,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
    }));
  }

  /** What each feed covers: the class's name, 我的课表, or the lecturer's teaching. */
  private async labelsOf(labels: ScheduleLabels, rows: FeedRow[]): Promise<string[]> {
    const classIds = [...new Set(rows.map((r) => r.classId).filter((v): v is string => !!v))];
    const lecturerIds = [...new Set(rows.map((r) => r.lecturerId).filter((v): v is string => !!v))];
    const [classRows, lecturerRows] = await Promise.all([
      classIds.length
        ? this.s.db
            .select({ id: classes.id, name: classes.name })
            .from(classes)
            .where(inArray(classes.id, classIds))
        : Promise.resolve([]),
      lecturerIds.length
        ? this.s.db
            .select({ id: lecturers.id, name: lecturers.name })
            .from(lecturers)
            .where(inArray(lecturers.id, lecturerIds))
        : Promise.resolve([]),
    ]);
    const className = new Map(classRows.map((c) => [c.id, c.name]));
    const lecturerName = new Map(lecturerRows.map((l) => [l.id, l.name]));
    return rows.map((row) =>
      row.scope === 'class'
        ? (className.get(row.classId ?? '') ?? '')
        : row.scope === 'trainee'
          ? labels.myClasses
          : labels.myTeaching(lecturerName.get(row.lecturerId ?? '') ?? ''),
    );
  }
}
