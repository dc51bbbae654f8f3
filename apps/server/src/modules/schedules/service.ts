import type { MySchedule, SessionView } from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { classSessions, lecturers, units } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { FileStore } from '../../platform/files.js';
import type { ClassService } from '../classes/service.js';
import { lecturerIdOfUser } from '../lecturers/links.js';
import { PDF_TYPE, XLSX_TYPE } from '../rosters/service.js';
import { type HourRule, loadSessions } from '../sessions/read.js';
import type { SettingsService } from '../settings/service.js';
import { requireVisibleTimetable, type TimetableAccess } from './access.js';
import { timetablePdf } from './exports-pdf.js';
import { timetableXlsx } from './exports-xlsx.js';
import { CalendarFeeds } from './feeds.js';
import { calendarOf, ICS_TYPE } from './ical.js';
import { asciiName, labelsFor } from './labels.js';
import { Materials } from './materials.js';
import {
  dayRange,
  historyItem,
  lecturerItem,
  publishedItem,
  scheduleOf,
  traineeItem,
} from './my-schedule.js';

export interface ScheduleServiceDeps {
  db: Db;
  classes: ClassService;
  settings: SettingsService;
  /** The largest upload accepted (UPLOAD_LIMIT_BYTES), for materials. */
  uploadLimit: number;
}

/** A file to send: its bytes, its (Chinese) name and an ASCII fallback name. */
export interface Download {
  file: Buffer;
  contentType: string;
  fileName: string;
  fallbackName: string;
}

export interface DayRange {
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * Personal schedules (a trainee's, a lecturer's), a lecturer's history, the exports of a class's
 * timetable (PDF, xlsx, iCalendar), calendar feeds on secret URLs (feeds.ts) and materials
 * (materials.ts). Items are read with the shared reader of modules/sessions (read.ts).
 */
export class ScheduleService {
  readonly db: Db;
  readonly classes: ClassService;
  readonly settings: SettingsService;
  readonly files: FileStore;
  readonly uploadLimit: number;
  readonly feeds: CalendarFeeds;
  readonly materials: Materials;

  constructor(deps: ScheduleServiceDeps) {
    this.db = deps.db;
    this.classes = deps.classes;
    this.settings = deps.settings;
    this.uploadLimit = deps.uploadLimit;
    this.files = new FileStore(deps.db);
    this.feeds = new CalendarFeeds(this);
    this.materials = new Materials(this);
  }

  /** The 学时 rule of the training settings. */
  rule(): Promise<HourRule> {
    return this.settings.training();
  }

  /** The signed-in trainee's items: published timetables, whole class or their group. */
  async mySessions(ctx: RequestContext, range: DayRange): Promise<MySchedule> {
    const actor = requireActor(ctx.actor);
    const where = and(traineeItem({ userId: actor.id }), publishedItem, dayRange(range));
    return scheduleOf(this.db, where, ctx.locale, await this.rule());
  }

  /** The signed-in user's teaching (their lecturer entry), published timetables, with their part. */
  async myTeaching(ctx: RequestContext, range: DayRange): Promise<MySchedule> {
    const actor = requireActor(ctx.actor);
    const lecturerId = await lecturerIdOfUser(this.db, actor.id);
    if (!lecturerId) return { items: [] };
    const where = and(lecturerItem(lecturerId), publishedItem, dayRange(range));
    return scheduleOf(this.db, where, ctx.locale, await this.rule(), { lecturerId });
  }

  /**
   * A lecturer's sessions across classes, newest first (lecturer.read): published timetables,
   * plus the drafts of classes the reader runs.
   */
  async lecturerHistory(ctx: RequestContext, lecturerId: string, range: DayRange): Promise<MySchedule> {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has('lecturer.read'), 'lecturer.read', { type: 'lecturer', id: lecturerId });
    const [lecturer] = await this.db
      .select({ id: lecturers.id })
      .from(lecturers)
      .where(eq(lecturers.id, lecturerId));
    if (!lecturer) throw AppError.notFound();
    const where = and(historyItem(actor, lecturerId), dayRange(range));
    return scheduleOf(this.db, where, ctx.locale, await this.rule(), { lecturerId, newestFirst: true });
  }

  /** The class's items the reader may see (403/404, 409 `timetable_not_published` for others). */
  async classItems(
    ctx: RequestContext,
    classId: string,
  ): Promise<{ access: TimetableAccess; items: SessionView[] }> {
    const access = await requireVisibleTimetable(this.db, this.classes, ctx, classId);
    const items = await loadSessions(
      this.db,
      eq(classSessions.classId, access.record.id),
      ctx.locale,
      await this.rule(),
    );
    return { access, items };
  }

  /** 课程表 PDF (A4, portrait or landscape), audited. */
  async pdf(ctx: RequestContext, classId: string, layout: 'portrait' | 'landscape'): Promise<Download> {
    const { access, items } = await this.classItems(ctx, classId);
    const { record } = access;
    const labels = labelsFor(ctx.locale);
    const { file, pages } = await timetablePdf({
      locale: ctx.locale,
      labels,
      layout,
      className: record.name,
      code: record.code,
      startDate: record.startDate,
      endDate: record.endDate,
      organiser: await this.unitName(record.leadOrganiserId),
      venue: record.venue,
      items,
    });
    await this.audit(ctx, access, 'pdf', { items: items.length, pages, layout, bytes: file.length });
    return this.download(file, PDF_TYPE, labels.pdf.file, record.code, 'pdf');
  }

  /** 课程表 xlsx, one row per item, audited. */
  async xlsx(ctx: RequestContext, classId: string): Promise<Download> {
    const { access, items } = await this.classItems(ctx, classId);
    const { record } = access;
    const labels = labelsFor(ctx.locale);
    const file = await timetableXlsx({
      labels,
      className: record.name,
      code: record.code,
      startDate: record.startDate,
      endDate: record.endDate,
      venue: record.venue,
      items,
    });
    await this.audit(ctx, access, 'xlsx', { items: items.length });
    return this.download(file, XLSX_TYPE, labels.xlsx.file, record.code, 'xlsx');
  }

  /** 课程表 as an iCalendar file (a one-off download; feeds.ts serves subscriptions), audited. */
  async ics(ctx: RequestContext, classId: string): Promise<Download> {
    const { access, items } = await this.classItems(ctx, classId);
    const { record } = access;
    const labels = labelsFor(ctx.locale);
    const text = calendarOf(
      record.name,
      items.map((session) => ({ session })),
      labels,
    );
    await this.audit(ctx, access, 'ics', { items: items.length });
    return this.download(Buffer.from(text, 'utf8'), ICS_TYPE, labels.ics.file, record.code, 'ics');
  }

  private async audit(
    ctx: RequestContext,
    access: TimetableAccess,
    format: string,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await recordAudit(this.db, ctx, {
      action: 'timetable.export',
      entityType: 'class',
      entityId: access.record.id,
      detail: { format, published: access.published, ...detail },
    });
  }

  private download(file: Buffer, contentType: string, base: string, code: string, ext: string): Download {
    return {
      file,
      contentType,
      fileName: `${base}-${code}.${ext}`,
      fallbackName: asciiName(`timetable-${code}.${ext}`),
    };
  }

  private async unitName(id: string): Promise<string | null> {
    const [row] = await this.db.select({ name: units.name }).from(units).where(eq(units.id, id));
    return row?.name ?? null;
  }
}
