import { type MaterialView, TIMETABLE_EDITABLE_CLASS_STATUSES } from '@ganxun/domain';
import { and, count, eq } from 'drizzle-orm';
import { classSessions, sessionMaterials } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { mimeOf, type StoredFile } from '../../platform/files.js';
import type { ClassRecord } from '../classes/service.js';
import { requireVisibleTimetable } from './access.js';
import type { ScheduleService } from './service.js';

/** Files attached to one timetable item at most. */
export const MAX_MATERIALS_PER_SESSION = 50;

/**
 * Materials of a timetable item (讲义, slides): uploaded by the timetable's editors while the class
 * may still be edited, downloaded by its readers once published (runners always), deleted by
 * editors. Bytes live in `stored_files` (platform/files.ts). Every upload, download and deletion
 * is audited.
 */
export class Materials {
  constructor(private readonly s: ScheduleService) {}

  /** Attaches a file to an item of a class the reader edits the timetable of. */
  async upload(
    ctx: RequestContext,
    classId: string,
    sessionId: string,
    upload: { fileName: string; file: Buffer; mime?: string | null },
  ): Promise<MaterialView> {
    const actor = requireActor(ctx.actor);
    const record = await this.s.classes.requireRun(ctx, classId, 'timetable');
    editable(record);
    if (upload.file.length === 0) throw AppError.field('VALIDATION_FAILED', 'file', 'material_empty');
    return this.s.db.transaction(async (tx) => {
      const [session] = await tx
        .select({ id: classSessions.id })
        .from(classSessions)
        .where(and(eq(classSessions.id, sessionId), eq(classSessions.classId, record.id)))
        .for('update');
      if (!session) throw AppError.notFound();
      const [n] = await tx
        .select({ n: count() })
        .from(sessionMaterials)
        .where(eq(sessionMaterials.sessionId, sessionId));
      const position = Number(n?.n ?? 0);
      if (position >= MAX_MATERIALS_PER_SESSION) {
        throw AppError.field('CONFLICT', 'file', 'materials_too_many', MAX_MATERIALS_PER_SESSION);
      }
      const file = await this.s.files.put(tx, {
        name: upload.fileName,
        mime: mimeOf(upload.fileName, upload.mime),
        content: upload.file,
        uploadedBy: actor.id,
      });
      await tx.insert(sessionMaterials).values({ sessionId, fileId: file.id, position });
      await recordAudit(tx, ctx, {
        action: 'material.upload',
        entityType: 'class_session',
        entityId: sessionId,
        detail: {
          classId: record.id,
          fileId: file.id,
          name: file.name,
          size: file.size,
          sha256: file.sha256,
        },
      });
      return {
        id: file.id,
        name: file.name,
        mime: file.mime,
        size: file.size,
        uploadedAt: file.createdAt.toISOString(),
      };
    });
  }

  /** A material of an item the reader may see (runners, or readers of the published timetable). */
  async download(
    ctx: RequestContext,
    classId: string,
    sessionId: string,
    fileId: string,
  ): Promise<StoredFile> {
    const { record } = await requireVisibleTimetable(this.s.db, this.s.classes, ctx, classId);
    await this.attached(record.id, sessionId, fileId);
    const file = await this.s.files.get(fileId);
    if (!file) throw AppError.notFound();
    await recordAudit(this.s.db, ctx, {
      action: 'material.download',
      entityType: 'class_session',
      entityId: sessionId,
      detail: { classId: record.id, fileId, size: file.size },
    });
    return file;
  }

  /** Removes a material (its stored file with it). */
  async remove(ctx: RequestContext, classId: string, sessionId: string, fileId: string): Promise<void> {
    const record = await this.s.classes.requireRun(ctx, classId, 'timetable');
    editable(record);
    await this.attached(record.id, sessionId, fileId);
    await this.s.db.transaction(async (tx) => {
      const file = await this.s.files.get(fileId, tx);
      await this.s.files.remove(tx, fileId);
      await recordAudit(tx, ctx, {
        action: 'material.delete',
        entityType: 'class_session',
        entityId: sessionId,
        detail: { classId: record.id, fileId, name: file?.name ?? null },
      });
    });
  }

  /** 404 unless the file is a material of this item of this class. */
  private async attached(classId: string, sessionId: string, fileId: string): Promise<void> {
    const [hit] = await this.s.db
      .select({ fileId: sessionMaterials.fileId })
      .from(sessionMaterials)
      .innerJoin(classSessions, eq(classSessions.id, sessionMaterials.sessionId))
      .where(
        and(
          eq(sessionMaterials.sessionId, sessionId),
          eq(sessionMaterials.fileId, fileId),
          eq(classSessions.classId, classId),
        ),
      );
    if (!hit) throw AppError.notFound();
  }
}

function editable(record: ClassRecord): void {
  if (!(TIMETABLE_EDITABLE_CLASS_STATUSES as readonly string[]).includes(record.status)) {
    throw AppError.field('CONFLICT', 'class_status', 'timetable_locked');
  }
}
