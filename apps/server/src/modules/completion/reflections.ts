import {
  type GradeBody,
  type MyReflectionList,
  REFLECTION_FILE_EXTENSIONS,
  type ReflectionBody,
  type ReflectionFileView,
  type ReflectionList,
  type ReflectionView,
} from '@ganxun/domain';
import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  inArray,
  isNull,
  ne,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  classes,
  completionResults,
  enrollments,
  people,
  reflections,
  storedFiles,
  units,
  users,
} from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { mimeOf, type StoredFile } from '../../platform/files.js';
import { traineesOf } from '../attendance/query.js';
import { runs } from '../classes/policy.js';
import { requireOpen, requireSubmittable, SUBMITTABLE_STATUSES } from './policy.js';
import type { CompletionService } from './service.js';

const grader = users;

/** Reflections as views (text, file meta — never the bytes — and the grade), by a condition. */
async function loadViews(exec: Executor, where: SQL): Promise<ReflectionView[]> {
  const rows = await exec
    .select({
      r: reflections,
      personId: people.id,
      name: people.name,
      unitName: units.name,
      file: {
        id: storedFiles.id,
        name: storedFiles.name,
        mime: storedFiles.mime,
        size: storedFiles.size,
        createdAt: storedFiles.createdAt,
      },
      graderName: grader.displayName,
    })
    .from(reflections)
    .innerJoin(enrollments, eq(enrollments.id, reflections.enrollmentId))
    .innerJoin(people, eq(people.id, enrollments.personId))
    .leftJoin(units, eq(units.id, people.unitId))
    .leftJoin(storedFiles, eq(storedFiles.id, reflections.fileId))
    .leftJoin(grader, eq(grader.id, reflections.gradedBy))
    .where(where)
    .orderBy(asc(people.namePinyin), asc(reflections.id));
  return rows.map(({ r, personId, name, unitName, file, graderName }) => ({
    id: r.id,
    classId: r.classId,
    enrollmentId: r.enrollmentId,
    trainee: { personId, name, unitName },
    text: r.text,
    file: file?.id ? presentFile(file) : null,
    submittedAt: r.submittedAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    grade: r.grade,
    gradeComment: r.gradeComment,
    gradedBy: r.gradedBy ? { id: r.gradedBy, name: graderName ?? '' } : null,
    gradedAt: r.gradedAt?.toISOString() ?? null,
  }));
}

function presentFile(file: {
  id: string;
  name: string;
  mime: string;
  size: number;
  createdAt: Date;
}): ReflectionFileView {
  return {
    id: file.id,
    name: file.name,
    mime: file.mime,
    size: file.size,
    uploadedAt: file.createdAt.toISOString(),
  };
}

/**
 * Reflections (学习心得, issue 6 item 5): an active trainee submits a text, a file or both, and may
 * replace it until it is graded; the class's runners (action `complete`) list, read and grade them
 * (regrading allowed, each grade audited). A trainee reaches only their own.
 */
export class Reflections {
  constructor(private readonly s: CompletionService) {}

  /** The actor as an active trainee of the class (404 for no class, 403 audited otherwise). */
  private async trainee(ctx: RequestContext, classId: string) {
    const actor = requireActor(ctx.actor);
    const record = await this.s.classes.load(classId);
    const [me] = await traineesOf(this.s.db, classId, { userId: actor.id });
    authorize(!!me, 'reflection.submit', { type: 'class', id: classId });
    if (!me) throw AppError.notFound();
    return { actor, record, me };
  }

  /** POST /classes/{id}/reflections/files: a pdf/doc/docx/jpg/png of at most the upload limit. */
  async uploadFile(
    ctx: RequestContext,
    classId: string,
    upload: { fileName: string; file: Buffer; mime?: string | null },
  ): Promise<ReflectionFileView> {
    const { actor, record } = await this.trainee(ctx, classId);
    requireSubmittable(record);
    const ext = upload.fileName.toLowerCase().split('.').pop() ?? '';
    if (!(REFLECTION_FILE_EXTENSIONS as readonly string[]).includes(ext) || !upload.fileName.includes('.')) {
      throw AppError.field('VALIDATION_FAILED', 'file', 'reflection_file_type');
    }
    if (upload.file.length === 0) throw AppError.field('VALIDATION_FAILED', 'file', 'reflection_file_empty');
    return this.s.db.transaction(async (tx) => {
      const file = await this.s.deps.files.put(tx, {
        name: upload.fileName,
        mime: mimeOf(upload.fileName, upload.mime),
        content: upload.file,
        uploadedBy: actor.id,
      });
      await recordAudit(tx, ctx, {
        action: 'reflection.file_upload',
        entityType: 'stored_file',
        entityId: file.id,
        detail: { classId, name: file.name, size: file.size, sha256: file.sha256 },
      });
      return presentFile(file);
    });
  }

  /** PUT /classes/{id}/reflections/mine: create or replace, until graded (409 `reflection_graded`). */
  async submit(ctx: RequestContext, classId: string, body: ReflectionBody): Promise<ReflectionView> {
    const { actor, record, me } = await this.trainee(ctx, classId);
    requireSubmittable(record);
    const text = body.text !== null && body.text.trim() !== '' ? body.text : null;
    const id = await this.s.db.transaction(async (tx) => {
      if (body.fileId) {
        const [file] = await tx
          .select({ id: storedFiles.id })
          .from(storedFiles)
          .where(and(eq(storedFiles.id, body.fileId), eq(storedFiles.uploadedBy, actor.id)));
        if (!file) throw AppError.field('VALIDATION_FAILED', 'fileId', 'reflection_file_unknown');
      }
      const [before] = await tx
        .select()
        .from(reflections)
        .where(eq(reflections.enrollmentId, me.enrollmentId))
        .for('update');
      if (before?.grade) throw AppError.field('CONFLICT', 'text', 'reflection_graded');
      const now = new Date();
      const [row] = await tx
        .insert(reflections)
        .values({ classId, enrollmentId: me.enrollmentId, text, fileId: body.fileId })
        .onConflictDoUpdate({
          target: reflections.enrollmentId,
          set: { text, fileId: body.fileId, updatedAt: now },
          setWhere: isNull(reflections.grade),
        })
        .returning({ id: reflections.id });
      if (!row) throw AppError.field('CONFLICT', 'text', 'reflection_graded');
      await recordAudit(tx, ctx, {
        action: before ? 'reflection.replace' : 'reflection.submit',
        entityType: 'reflection',
        entityId: row.id,
        changes: before
          ? {
              text: [
                before.text === null ? null : `${before.text.length} chars`,
                text === null ? null : `${text.length} chars`,
              ],
              fileId: [before.fileId, body.fileId],
            }
          : undefined,
        detail: {
          classId,
          enrollmentId: me.enrollmentId,
          textLength: text?.length ?? 0,
          fileId: body.fileId,
        },
      });
      return row.id;
    });
    const [view] = await loadViews(this.s.db, eq(reflections.id, id));
    if (!view) throw AppError.notFound();
    return view;
  }

  /** GET /classes/{id}/reflections (runners): every submitted reflection, without its text. */
  async list(ctx: RequestContext, classId: string): Promise<ReflectionList> {
    await this.s.classes.requireRun(ctx, classId, 'complete');
    const views = await loadViews(this.s.db, eq(reflections.classId, classId));
    const [n] = await this.s.db
      .select({ n: count() })
      .from(enrollments)
      .where(and(eq(enrollments.classId, classId), ne(enrollments.status, 'withdrawn')));
    return {
      items: views.map((v) => ({
        id: v.id,
        enrollmentId: v.enrollmentId,
        trainee: v.trainee,
        submittedAt: v.submittedAt,
        updatedAt: v.updatedAt,
        hasText: v.text !== null && v.text !== '',
        hasFile: v.file !== null,
        grade: v.grade,
        gradedAt: v.gradedAt,
      })),
      trainees: Number(n?.n ?? 0),
      submitted: views.length,
    };
  }

  /** One reflection, for a runner of the class or its author (403 audited otherwise). */
  async get(ctx: RequestContext, classId: string, id: string): Promise<ReflectionView> {
    const actor = requireActor(ctx.actor);
    const record = await this.s.classes.load(classId);
    const [view] = await loadViews(
      this.s.db,
      and(eq(reflections.id, id), eq(reflections.classId, classId)) as SQL,
    );
    if (!view) throw AppError.notFound();
    if (!runs(actor, 'complete', record.place)) {
      const [own] = await this.s.db
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.id, view.trainee.personId), eq(people.userId, actor.id)));
      authorize(!!own, 'reflection.read', { type: 'reflection', id });
    }
    return view;
  }

  /** The reflection's file (runner or author), audited. */
  async file(ctx: RequestContext, classId: string, id: string): Promise<StoredFile> {
    const view = await this.get(ctx, classId, id);
    if (!view.file) throw AppError.notFound();
    const file = await this.s.deps.files.get(view.file.id);
    if (!file) throw AppError.notFound();
    await recordAudit(this.s.db, ctx, {
      action: 'reflection.file_download',
      entityType: 'reflection',
      entityId: id,
      detail: { classId, fileId: file.id, size: file.size },
    });
    return file;
  }

  /** POST /classes/{id}/reflections/{rid}/grade (runners): grades or regrades, audited. */
  async grade(ctx: RequestContext, classId: string, id: string, body: GradeBody): Promise<ReflectionView> {
    const actor = requireActor(ctx.actor);
    const record = await this.s.classes.requireRun(ctx, classId, 'complete');
    requireOpen(record);
    await this.s.db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(reflections)
        .where(and(eq(reflections.id, id), eq(reflections.classId, classId)))
        .for('update');
      if (!before) throw AppError.notFound();
      await tx
        .update(reflections)
        .set({ grade: body.grade, gradeComment: body.comment, gradedBy: actor.id, gradedAt: new Date() })
        .where(eq(reflections.id, id));
      await recordAudit(tx, ctx, {
        action: before.grade ? 'reflection.regrade' : 'reflection.grade',
        entityType: 'reflection',
        entityId: id,
        changes: {
          grade: [before.grade, body.grade],
          ...(before.gradeComment !== body.comment ? { comment: [before.gradeComment, body.comment] } : {}),
        },
        detail: { classId, enrollmentId: before.enrollmentId },
      });
    });
    const [view] = await loadViews(this.s.db, eq(reflections.id, id));
    if (!view) throw AppError.notFound();
    return view;
  }

  /** GET /me/reflections: per class the trainee is in, their reflection and completion. */
  async mine(ctx: RequestContext): Promise<MyReflectionList> {
    const actor = requireActor(ctx.actor);
    const rows = await this.s.db
      .select({ enrollmentId: enrollments.id, cls: classes })
      .from(enrollments)
      .innerJoin(people, eq(people.id, enrollments.personId))
      .innerJoin(classes, eq(classes.id, enrollments.classId))
      .where(
        and(
          eq(people.userId, actor.id),
          eq(enrollments.status, 'enrolled'),
          notInArray(classes.status, ['draft', 'cancelled']),
          // Archived classes only where there is something to show: a reflection or a confirmed result.
          or(
            ne(classes.status, 'archived'),
            exists(
              this.s.db
                .select({ one: sql`1` })
                .from(reflections)
                .where(eq(reflections.enrollmentId, enrollments.id)),
            ),
            exists(
              this.s.db
                .select({ one: sql`1` })
                .from(completionResults)
                .where(eq(completionResults.enrollmentId, enrollments.id)),
            ),
          ),
        ),
      )
      .orderBy(desc(classes.startDate), asc(classes.code));
    if (rows.length === 0) return { items: [] };
    const views = await loadViews(
      this.s.db,
      inArray(
        reflections.enrollmentId,
        rows.map((r) => r.enrollmentId),
      ),
    );
    const reflectionOf = new Map(views.map((v) => [v.enrollmentId, v]));
    const items: MyReflectionList['items'] = [];
    for (const { enrollmentId, cls } of rows) {
      const record = await this.s.classes.load(cls.id);
      const computed = await this.s.compute(record, { enrollmentIds: [enrollmentId] });
      const completion = computed.items[0];
      if (!completion) continue;
      const reflection = reflectionOf.get(enrollmentId) ?? null;
      items.push({
        class: {
          id: cls.id,
          code: cls.code,
          name: cls.name,
          status: cls.status,
          startDate: cls.startDate,
          endDate: cls.endDate,
        },
        enrollmentId,
        editable: SUBMITTABLE_STATUSES.includes(cls.status) && !reflection?.grade,
        reflection,
        completion,
      });
    }
    return { items };
  }
}
