import {
  type MessageLocale,
  parseIdNumber,
  type SecondmentImportResult,
  type SecondmentImportRowView,
  type SecondmentListQuery,
} from '@ganxun/domain';
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { people } from '../../db/schema/index.js';
import { type AuditEntry, recordAudit, recordAudits } from '../../platform/audit.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { fieldMessage } from '../../platform/i18n.js';
import { chinaToday } from '../certificates/issue.js';
import type { DictionaryService } from '../dictionaries/service.js';
import type { Upload } from '../imports/upload.js';
import { reachesPartnership } from '../partnerships/policy.js';
import { loadPartnerships, type PartnershipInfo } from '../partnerships/sides.js';
import { idNumberHash, personColumns } from '../people/record.js';
import { checkSecondment, insertSecondments, type SecondmentInput } from '../secondments/write.js';
import { COLUMN_OF_FIELD, headerOf } from './columns.js';
import { exportSecondments } from './export.js';
import { crossCheck, type RowDraft, readRow } from './rows.js';
import { cellText, readSheet, type SheetTable } from './sheet.js';
import { secondmentTemplate } from './template.js';
import { SideUnits } from './units.js';

export interface SecondmentImportServiceDeps {
  db: Db;
  cipher: FieldCipher;
  dictionaries: DictionaryService;
  uploadLimit: number;
}

/** Thrown inside the transaction to undo a preview (or a file with errors): nothing is written. */
class Rollback extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Secondments from and to xlsx (issue 7): the template, the import (validate → preview → commit,
 * all rows or none) and the export of the scoped list.
 *
 * The import reads every row, then runs ONE transaction: people not in the directory are created,
 * every row is checked by `checkSecondment` (with the person's other rows of the file as its
 * batch), and — only when no row has a problem and this is not a dry run — `insertSecondments`
 * writes them all. A dry run, or a file with any error, rolls the transaction back: the preview
 * sees exactly what the commit would, and nothing is written.
 */
export class SecondmentImportService {
  /** "Today" for actual dates (tests set it). */
  clock: () => Date = () => new Date();

  constructor(readonly deps: SecondmentImportServiceDeps) {}

  get db(): Db {
    return this.deps.db;
  }

  get uploadLimit(): number {
    return this.deps.uploadLimit;
  }

  /**
   * The pairing an import or template is for: unknown, or outside what the actor may read → 404;
   * readable but not editable for secondments → 403 (audited).
   */
  async requirePartnership(actor: Actor, id: string, audited: string): Promise<PartnershipInfo> {
    if (!UUID.test(id))
      throw AppError.field('VALIDATION_FAILED', 'partnershipId', 'secondment_import_partnership_required');
    const info = (await loadPartnerships(this.db, [id])).get(id);
    const visible =
      info &&
      (reachesPartnership(actor, 'partnership.read', info) ||
        reachesPartnership(actor, 'secondment.read', info));
    if (!info || !visible) throw AppError.notFound();
    if (!reachesPartnership(actor, 'secondment.edit', info))
      throw new AppError('FORBIDDEN', {
        details: { action: audited, entityType: 'partnership', entityId: id },
      });
    return info;
  }

  async template(actor: Actor, partnershipId: string | undefined, locale: MessageLocale): Promise<Buffer> {
    const info = partnershipId
      ? await this.requirePartnership(actor, partnershipId, 'secondment.template')
      : null;
    const forms = await this.deps.dictionaries.items('secondment_form', false);
    return secondmentTemplate(info, forms, locale);
  }

  async export(ctx: RequestContext, query: SecondmentListQuery): Promise<Buffer> {
    return exportSecondments(this, ctx, query, this.clock());
  }

  async import(ctx: RequestContext, actor: Actor, upload: Upload): Promise<SecondmentImportResult> {
    const dryRunText = upload.fields.dryRun ?? 'true';
    if (dryRunText !== 'true' && dryRunText !== 'false')
      throw AppError.field('VALIDATION_FAILED', 'dryRun', 'upload_field_invalid');
    const dryRun = dryRunText === 'true';
    const partnership = await this.requirePartnership(
      actor,
      upload.fields.partnershipId ?? '',
      'secondment.import',
    );
    const table = await readSheet(upload.file);
    const locale = ctx.locale;

    const dictionary = async (code: string) =>
      (await this.deps.dictionaries.items(code, false)).map((i) => ({
        code: i.code,
        labels: [i.labelZhCn, i.labelZhTw, i.labelEn],
      }));
    const context = {
      partnership,
      forms: await dictionary('secondment_form'),
      ethnicities: await dictionary('ethnicity'),
      unitsA: await SideUnits.load(this.db, partnership.sideA, partnership.sideAUnitPath),
      unitsB: await SideUnits.load(this.db, partnership.sideB, partnership.sideBUnitPath),
      people: await this.storedPeople(table),
      today: chinaToday(this.clock()),
    };
    const drafts = table.rows.map((row) => readRow(row, table, context));
    crossCheck(drafts);

    let committed = false;
    let newPeople = 0;
    try {
      await this.db.transaction(async (tx) => {
        // People not in the directory: one record per ID number, in the first row's home unit.
        const toCreate = new Map<string, ReturnType<typeof personColumns>>();
        for (const d of drafts)
          if (!d.personId && d.newPerson && d.idNumber && d.homeUnitId && !toCreate.has(d.idNumber))
            toCreate.set(
              d.idNumber,
              personColumns(this.deps.cipher, { ...d.newPerson, unitId: d.homeUnitId }),
            );
        const created = new Map<string, string>();
        const values = [...toCreate.entries()];
        for (let i = 0; i < values.length; i += 500) {
          const batch = values.slice(i, i + 500);
          const rows = await tx
            .insert(people)
            .values(batch.map(([, v]) => v))
            .onConflictDoNothing()
            .returning({ id: people.id, hash: people.idNumberHash });
          // Another import (or the directory) registered one of them since the file was read.
          if (rows.length < batch.length)
            throw AppError.field('CONFLICT', 'file', 'secondment_import_changed');
          const idOf = new Map(rows.map((r) => [r.hash, r.id]));
          for (const [idNumber, v] of batch) created.set(idNumber, idOf.get(v.idNumberHash) as string);
        }
        const audits: AuditEntry[] = [...created.values()].map((id) => ({
          action: 'person.create',
          entityType: 'person',
          entityId: id,
          detail: { source: 'secondment.import', partnershipId: partnership.id },
        }));
        newPeople = created.size;
        for (const d of drafts) if (!d.personId && d.idNumber) d.personId = created.get(d.idNumber) ?? null;

        // Every row checked against the database and the person's other rows of the file.
        const inputs = new Map<RowDraft, SecondmentInput>();
        for (const d of drafts)
          if (d.input && d.personId)
            inputs.set(d, {
              ...d.input,
              personId: d.personId,
              homeUnitId: d.input.homeUnitId || d.homeUnitId || '',
            });
        const byPerson = new Map<string, SecondmentInput[]>();
        for (const input of inputs.values())
          byPerson.set(input.personId, [...(byPerson.get(input.personId) ?? []), input]);
        for (const [d, input] of inputs) {
          const batch = (byPerson.get(input.personId) ?? []).filter((i) => i !== input);
          const check = await checkSecondment(tx, input, batch);
          for (const p of check.problems) {
            const field = p.path.split('.')[0] as string;
            d.problems.push({ column: COLUMN_OF_FIELD[field] ?? 'name', field, key: p.key, x: p.x });
          }
          d.warnings = check.warnings.map((w) => fieldMessage(w, locale));
        }
        const failed = drafts.some((d) => d.problems.length > 0);
        if (failed || dryRun) throw new Rollback();

        await insertSecondments(
          tx,
          ctx,
          drafts.map((d) => ({ ...(inputs.get(d) as SecondmentInput), initial: d.initial })),
        );
        await recordAudits(tx, ctx, audits);
        await recordAudit(tx, ctx, {
          action: 'secondment.import',
          entityType: 'partnership',
          entityId: partnership.id,
          detail: { fileName: upload.fileName, rows: drafts.length, created: drafts.length, newPeople },
        });
        committed = true;
      });
    } catch (error) {
      if (!(error instanceof Rollback)) throw error;
    }

    const result = this.result(drafts, dryRun, committed, newPeople, locale);
    if (!dryRun && !committed)
      throw new AppError('VALIDATION_FAILED', {
        fields: [{ path: 'file', key: 'secondment_import_has_errors', x: result.summary.error }],
        details: { result },
      });
    return result;
  }

  /** Stored people whose ID number appears in the file (by the keyed hash; never decrypted). */
  private async storedPeople(
    table: SheetTable,
  ): Promise<Map<string, { id: string; name: string; unitId: string }>> {
    const col = table.columns.get('idNumber') as number;
    const byHash = new Map<string, string>();
    for (const row of table.rows) {
      const t = cellText(row.cells[col]);
      if ('problem' in t || !t.text) continue;
      const parsed = parseIdNumber(t.text);
      if (parsed.ok) byHash.set(idNumberHash(this.deps.cipher, parsed.value), parsed.value);
    }
    const out = new Map<string, { id: string; name: string; unitId: string }>();
    const hashes = [...byHash.keys()];
    for (let i = 0; i < hashes.length; i += 1000) {
      const found = await this.db
        .select({ id: people.id, name: people.name, unitId: people.unitId, hash: people.idNumberHash })
        .from(people)
        .where(inArray(people.idNumberHash, hashes.slice(i, i + 1000)));
      for (const p of found)
        out.set(byHash.get(p.hash) as string, { id: p.id, name: p.name, unitId: p.unitId });
    }
    return out;
  }

  private result(
    drafts: RowDraft[],
    dryRun: boolean,
    committed: boolean,
    newPeople: number,
    locale: MessageLocale,
  ): SecondmentImportResult {
    const rows: SecondmentImportRowView[] = drafts.map((d) => ({
      rowNo: d.rowNo,
      outcome: d.problems.length > 0 ? 'error' : 'create',
      personName: d.personName,
      newPerson: !!d.newPerson,
      direction: d.direction,
      category: d.category,
      specialty: d.specialty,
      plannedStart: d.plannedStart,
      plannedEnd: d.plannedEnd,
      errors: d.problems.map((p) => ({
        column: headerOf(p.column, locale),
        field: p.field,
        message: fieldMessage(p.key, locale, p.x),
      })),
      warnings: d.warnings,
    }));
    const error = rows.filter((r) => r.outcome === 'error').length;
    return {
      dryRun,
      committed,
      summary: { rows: rows.length, create: rows.length - error, error, newPeople },
      rows,
    };
  }
}
