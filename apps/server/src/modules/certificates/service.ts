import {
  type CertificateItems,
  type CertificateList,
  type CertificateView,
  type IssueBody,
  MAX_SEAL_BYTES,
  type PublicVerificationView,
  parseCertificateNumber,
  presentPublicVerification,
  REISSUED_REASON,
  type ReissueBody,
  type RevokeBody,
  type SealView,
} from '@ganxun/domain';
import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import type { Db, Executor } from '../../db/client.js';
import {
  certificates,
  completionResults,
  enrollments,
  people,
  unitSeals,
  units,
} from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { FileStore, StoredFile } from '../../platform/files.js';
import { hitRateLimit } from '../../platform/rate-limit.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import type { Notifier } from '../notices/events.js';
import { type IssueTarget, issueCertificates, issuerOf } from './issue.js';
import { certificatePdf } from './pdf.js';
import { certifies, mayEditSeal, mayReadSeal, readsCertificates } from './policy.js';
import { type CertificateRow, presentCertificate } from './presenter.js';

/** Public verifications per address and minute (the same budget as calendar feeds). */
export const VERIFY_RATE_LIMIT_PER_MINUTE = 120;

export interface Download {
  file: Buffer;
  contentType: string;
  fileName: string;
  fallbackName: string;
}

export interface CertificateServiceDeps {
  db: Db;
  classes: ClassService;
  files: FileStore;
  uploadLimit: number;
  /** Tells holders of new certificates (issue 9). */
  notices?: () => Notifier;
}

const replacement = alias(certificates, 'replacement');

/** Is it a PNG or JPEG that pdfkit can draw? */
function readableImage(bytes: Buffer): boolean {
  const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!png && !jpeg) return false;
  try {
    const doc = new PDFDocument({ autoFirstPage: false }) as unknown as { openImage(src: Buffer): unknown };
    doc.openImage(bytes);
    return true;
  } catch {
    return false;
  }
}

/** A file name part without path separators or control characters. */
const safeName = (s: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  s.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '_').slice(0, 60);

/** Certificates (结业证书): numbers, PDF with seal and QR code, public verification, zip, re-issue and revoke. */
export class CertificateService {
  readonly db: Db;
  readonly classes: ClassService;
  readonly files: FileStore;
  readonly uploadLimit: number;
  readonly notices: (() => Notifier) | undefined;

  constructor(deps: CertificateServiceDeps) {
    this.notices = deps.notices;
    this.db = deps.db;
    this.classes = deps.classes;
    this.files = deps.files;
    this.uploadLimit = deps.uploadLimit;
  }

  /** Certificates matching `where`, newest first, presented with the number that replaced each. */
  private async views(where: SQL | undefined, exec: Executor = this.db): Promise<CertificateView[]> {
    const rows = await exec
      .select({ cert: certificates, replacedBy: replacement.number })
      .from(certificates)
      .leftJoin(replacement, eq(replacement.id, certificates.replacedById))
      .where(where)
      .orderBy(desc(certificates.issuedAt), desc(certificates.number));
    return rows.map((r) => presentCertificate(r.cert, r.replacedBy));
  }

  private async view(id: string, exec: Executor = this.db): Promise<CertificateView> {
    const [view] = await this.views(eq(certificates.id, id), exec);
    if (!view) throw AppError.notFound();
    return view;
  }

  /** A class the actor reads certificates of (certify or complete); 404 / 403 (audited). */
  private async requireStaff(ctx: RequestContext, classId: string): Promise<ClassRecord> {
    const actor = requireActor(ctx.actor);
    authorize(
      actor.permissions.has('certificate.issue') || actor.permissions.has('completion.decide'),
      'certificate.read',
      { type: 'class', id: classId },
    );
    const record = await this.classes.load(classId);
    authorize(readsCertificates(actor, record.place), 'certificate.read', { type: 'class', id: classId });
    return record;
  }

  /** The row of a certificate and its class, the actor certifying the class (403 otherwise). */
  private async requireCertify(
    ctx: RequestContext,
    id: string,
  ): Promise<{ row: CertificateRow; record: ClassRecord }> {
    const row = await this.row(id);
    const record = await this.classes.requireRun(ctx, row.classId, 'certify');
    return { row, record };
  }

  private async row(id: string, exec: Executor = this.db, forUpdate = false): Promise<CertificateRow> {
    const query = exec.select().from(certificates).where(eq(certificates.id, id));
    const [row] = forUpdate ? await query.for('update') : await query;
    if (!row) throw AppError.notFound();
    return row;
  }

  /** A class's certificates (valid and revoked, newest first), its issuer and seal, what is pending. */
  async list(ctx: RequestContext, classId: string): Promise<CertificateList> {
    const actor = requireActor(ctx.actor);
    const record = await this.requireStaff(ctx, classId);
    const issuer = await issuerOf(this.db, record);
    const [[unit], [seal], [pending], items] = await Promise.all([
      this.db
        .select({ path: units.path, regionCode: units.regionCode })
        .from(units)
        .where(eq(units.id, issuer.unitId)),
      this.db.select().from(unitSeals).where(eq(unitSeals.unitId, issuer.unitId)),
      this.db
        .select({ n: sql<number>`count(*)::int` })
        .from(completionResults)
        .leftJoin(
          certificates,
          and(
            eq(certificates.enrollmentId, completionResults.enrollmentId),
            eq(certificates.status, 'valid'),
          ),
        )
        .where(
          and(
            eq(completionResults.classId, classId),
            eq(completionResults.completed, true),
            isNull(certificates.id),
          ),
        ),
      this.views(eq(certificates.classId, classId)),
    ]);
    return {
      items,
      issuer: {
        unitId: issuer.unitId,
        name: issuer.name,
        hasSeal: !!seal,
        sealUpdatedAt: seal ? seal.updatedAt.toISOString() : null,
        canEditSeal: unit ? mayEditSeal(actor, unit) : false,
      },
      pending: Number(pending?.n ?? 0),
      canIssue: certifies(actor, record.place),
    };
  }

  /**
   * Issues certificates to the given enrollments, or to every one confirmed completed without a
   * valid certificate; an enrollment not confirmed completed refuses the whole request (409).
   */
  async issue(ctx: RequestContext, classId: string, body: IssueBody): Promise<CertificateItems> {
    const record = await this.classes.requireRun(ctx, classId, 'certify');
    const ids = await this.db.transaction(async (tx) => {
      const rows = await tx
        .select({
          enrollmentId: completionResults.enrollmentId,
          completed: completionResults.completed,
          hours: completionResults.hours,
          personId: people.id,
          personName: people.name,
        })
        .from(completionResults)
        .innerJoin(enrollments, eq(enrollments.id, completionResults.enrollmentId))
        .innerJoin(people, eq(people.id, enrollments.personId))
        .where(
          and(
            eq(completionResults.classId, classId),
            body.enrollmentIds ? inArray(completionResults.enrollmentId, body.enrollmentIds) : undefined,
          ),
        );
      const byId = new Map(rows.map((r) => [r.enrollmentId, r]));
      let wanted: typeof rows;
      if (body.enrollmentIds) {
        const problems = body.enrollmentIds.flatMap((id, i) =>
          byId.get(id)?.completed ? [] : [{ path: `enrollmentIds.${i}`, key: 'certificate_not_completed' }],
        );
        if (problems.length) throw new AppError('CONFLICT', { fields: problems });
        wanted = body.enrollmentIds.map((id) => byId.get(id)).filter((r) => r !== undefined);
      } else {
        const held = await tx
          .select({ enrollmentId: certificates.enrollmentId })
          .from(certificates)
          .where(and(eq(certificates.classId, classId), eq(certificates.status, 'valid')));
        const certified = new Set(held.map((h) => h.enrollmentId));
        wanted = rows.filter((r) => r.completed && !certified.has(r.enrollmentId));
      }
      const targets: IssueTarget[] = wanted.map((r) => ({
        enrollmentId: r.enrollmentId,
        personId: r.personId,
        personName: r.personName,
        hours: Number(r.hours),
      }));
      const issued = await issueCertificates(tx, ctx, record, targets, this.notices?.());
      return [...issued.values()].map((c) => c.id);
    });
    return { items: ids.length ? await this.views(inArray(certificates.id, ids)) : [] };
  }

  /** Revokes a valid certificate with a reason (certify); an already revoked one is a 409. */
  async revoke(ctx: RequestContext, id: string, body: RevokeBody): Promise<CertificateView> {
    await this.requireCertify(ctx, id);
    await this.db.transaction(async (tx) => {
      const row = await this.row(id, tx, true);
      if (row.status !== 'valid') throw AppError.field('CONFLICT', 'status', 'certificate_revoked');
      await tx
        .update(certificates)
        .set({
          status: 'revoked',
          revokedAt: new Date(),
          revokedBy: ctx.actor?.id ?? null,
          revokedReason: body.reason,
        })
        .where(eq(certificates.id, id));
      await recordAudit(tx, ctx, {
        action: 'certificate.revoke',
        entityType: 'certificate',
        entityId: id,
        detail: {
          number: row.number,
          classId: row.classId,
          enrollmentId: row.enrollmentId,
          reason: body.reason,
        },
      });
    });
    return this.view(id);
  }

  /**
   * Re-issues a valid certificate (a corrected name, hours): a new number with the person's
   * current name and the confirmed hours; the old one revoked as `reissued` and pointing to it.
   * One transaction.
   */
  async reissue(ctx: RequestContext, id: string, body: ReissueBody): Promise<CertificateView> {
    const { record } = await this.requireCertify(ctx, id);
    const newId = await this.db.transaction(async (tx) => {
      const row = await this.row(id, tx, true);
      if (row.status !== 'valid') throw AppError.field('CONFLICT', 'status', 'certificate_revoked');
      const [current] = await tx
        .select({ completed: completionResults.completed, hours: completionResults.hours, name: people.name })
        .from(completionResults)
        .innerJoin(enrollments, eq(enrollments.id, completionResults.enrollmentId))
        .innerJoin(people, eq(people.id, enrollments.personId))
        .where(eq(completionResults.enrollmentId, row.enrollmentId));
      if (!current?.completed) {
        throw AppError.field('CONFLICT', 'enrollmentId', 'certificate_not_completed');
      }
      const now = new Date();
      await tx
        .update(certificates)
        .set({
          status: 'revoked',
          revokedAt: now,
          revokedBy: ctx.actor?.id ?? null,
          revokedReason: REISSUED_REASON,
        })
        .where(eq(certificates.id, id));
      const issued = await issueCertificates(tx, ctx, record, [
        {
          enrollmentId: row.enrollmentId,
          personId: row.personId,
          personName: current.name,
          hours: Number(current.hours),
        },
      ]);
      const fresh = issued.get(row.enrollmentId);
      if (!fresh) throw new Error('certificate not re-issued');
      await tx.update(certificates).set({ replacedById: fresh.id }).where(eq(certificates.id, id));
      await recordAudit(tx, ctx, {
        action: 'certificate.reissue',
        entityType: 'certificate',
        entityId: id,
        changes: {
          number: [row.number, fresh.number],
          personName: [row.personName, current.name],
          hours: [Number(row.hours), Number(current.hours)],
        },
        detail: {
          classId: row.classId,
          enrollmentId: row.enrollmentId,
          reason: body.reason,
          replacedById: fresh.id,
        },
      });
      return fresh.id;
    });
    return this.view(newId);
  }

  /** The seal bytes of a unit, or null. */
  private async sealBytes(unitId: string | null): Promise<Buffer | null> {
    if (!unitId) return null;
    const [seal] = await this.db.select().from(unitSeals).where(eq(unitSeals.unitId, unitId));
    if (!seal) return null;
    return (await this.files.get(seal.fileId))?.content ?? null;
  }

  /** The PDF of a certificate, for its holder or the class's staff (revoked: stamped 已作废). */
  async pdf(ctx: RequestContext, id: string, origin: string): Promise<Download> {
    const actor = requireActor(ctx.actor);
    const row = await this.row(id);
    const [holder] = await this.db
      .select({ userId: people.userId })
      .from(people)
      .where(eq(people.id, row.personId));
    if (holder?.userId !== actor.id) {
      // Someone else's certificate: trainees do not learn it exists; staff out of reach get a 403.
      if (!actor.permissions.has('certificate.issue') && !actor.permissions.has('completion.decide')) {
        throw AppError.notFound();
      }
      const record = await this.classes.load(row.classId);
      authorize(readsCertificates(actor, record.place), 'certificate.read', { type: 'certificate', id });
    }
    const view = await this.view(id);
    const file = await certificatePdf(view, { seal: await this.sealBytes(row.issuerUnitId), origin });
    await recordAudit(this.db, ctx, {
      action: 'certificate.download',
      entityType: 'certificate',
      entityId: id,
      detail: { number: row.number, classId: row.classId, bytes: file.length },
    });
    return {
      file,
      contentType: 'application/pdf',
      fileName: `${row.number}-${safeName(row.personName)}.pdf`,
      fallbackName: `${row.number}.pdf`,
    };
  }

  /** The valid certificates of a class as one zip of PDFs named `<number>-<name>.pdf`. */
  async zip(ctx: RequestContext, classId: string, origin: string): Promise<Download> {
    const record = await this.requireStaff(ctx, classId);
    const valid = await this.db
      .select()
      .from(certificates)
      .where(and(eq(certificates.classId, classId), eq(certificates.status, 'valid')))
      .orderBy(certificates.number);
    const zip = new JSZip();
    const seals = new Map<string | null, Buffer | null>();
    for (const row of valid) {
      if (!seals.has(row.issuerUnitId)) seals.set(row.issuerUnitId, await this.sealBytes(row.issuerUnitId));
      const file = await certificatePdf(presentCertificate(row, null), {
        seal: seals.get(row.issuerUnitId) ?? null,
        origin,
      });
      zip.file(`${row.number}-${safeName(row.personName)}.pdf`, file);
    }
    const file = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    await recordAudit(this.db, ctx, {
      action: 'certificate.export',
      entityType: 'class',
      entityId: classId,
      detail: { certificates: valid.length, bytes: file.length },
    });
    return {
      file,
      contentType: 'application/zip',
      fileName: `${record.code}-结业证书.zip`,
      fallbackName: `${record.code}-certificates.zip`,
    };
  }

  /**
   * The public verification of a number (no sign-in): rate limited per address; a malformed
   * number or a wrong check character is a 400, an unknown one a 404. Only the public view leaves.
   */
  async verify(ctx: RequestContext, raw: string): Promise<PublicVerificationView> {
    const limit = await hitRateLimit(
      this.db,
      `certificate-verify:ip:${ctx.ip ?? 'unknown'}`,
      VERIFY_RATE_LIMIT_PER_MINUTE,
      60_000,
    );
    if (!limit.allowed) throw new AppError('RATE_LIMITED');
    const parsed = parseCertificateNumber(raw);
    if (!parsed) throw AppError.field('VALIDATION_FAILED', 'number', 'certificate_number_invalid');
    const [row] = await this.db.select().from(certificates).where(eq(certificates.number, parsed.number));
    if (!row) throw AppError.notFound();
    return presentPublicVerification(presentCertificate(row, null));
  }

  /** The holder's own certificates (valid and revoked), newest first. */
  async mine(ctx: RequestContext): Promise<CertificateItems> {
    const actor = requireActor(ctx.actor);
    const mineOnly = sql`${certificates.personId} in (select ${people.id} from ${people} where ${people.userId} = ${actor.id})`;
    return { items: await this.views(mineOnly) };
  }

  private async unitPlace(unitId: string) {
    const [unit] = await this.db
      .select({ path: units.path, regionCode: units.regionCode })
      .from(units)
      .where(eq(units.id, unitId));
    if (!unit) throw AppError.notFound();
    return unit;
  }

  /** Uploads (or replaces) a unit's seal: PNG or JPEG up to 1 MB, by those who may organise it. */
  async putSeal(
    ctx: RequestContext,
    unitId: string,
    upload: { fileName: string; file: Buffer },
  ): Promise<SealView> {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has('certificate.issue'), 'certificate.issue', { type: 'unit', id: unitId });
    const unit = await this.unitPlace(unitId);
    authorize(mayEditSeal(actor, unit), 'certificate.issue', { type: 'unit', id: unitId });
    if (upload.file.length > MAX_SEAL_BYTES) {
      throw AppError.field('PAYLOAD_TOO_LARGE', 'file', 'seal_too_large', MAX_SEAL_BYTES / 1024 / 1024);
    }
    if (!readableImage(upload.file)) throw AppError.field('UNSUPPORTED_MEDIA_TYPE', 'file', 'seal_format');
    const jpeg = upload.file[0] === 0xff;
    return this.db.transaction(async (tx) => {
      const file = await this.files.put(tx, {
        name: jpeg ? 'seal.jpg' : 'seal.png',
        mime: jpeg ? 'image/jpeg' : 'image/png',
        content: upload.file,
        uploadedBy: actor.id,
      });
      const [before] = await tx.select().from(unitSeals).where(eq(unitSeals.unitId, unitId)).for('update');
      const now = new Date();
      await tx
        .insert(unitSeals)
        .values({ unitId, fileId: file.id, updatedBy: actor.id, updatedAt: now })
        .onConflictDoUpdate({
          target: unitSeals.unitId,
          set: { fileId: file.id, updatedBy: actor.id, updatedAt: now },
        });
      if (before) await this.files.remove(tx, before.fileId);
      await recordAudit(tx, ctx, {
        action: 'certificate.seal.update',
        entityType: 'unit',
        entityId: unitId,
        detail: { fileId: file.id, size: file.size, sha256: file.sha256, replaced: !!before },
      });
      return { unitId, updatedAt: now.toISOString() };
    });
  }

  /** A unit's seal image, for staff who may upload it, confirm completion over it or direct its classes. */
  async seal(ctx: RequestContext, unitId: string): Promise<StoredFile> {
    const actor = requireActor(ctx.actor);
    authorize(
      actor.permissions.has('certificate.issue') || actor.permissions.has('completion.decide'),
      'certificate.seal.read',
      { type: 'unit', id: unitId },
    );
    const unit = await this.unitPlace(unitId);
    authorize(await mayReadSeal(this.db, actor, unitId, unit), 'certificate.seal.read', {
      type: 'unit',
      id: unitId,
    });
    const [seal] = await this.db.select().from(unitSeals).where(eq(unitSeals.unitId, unitId));
    const file = seal ? await this.files.get(seal.fileId) : null;
    if (!file) throw AppError.notFound();
    return file;
  }
}
