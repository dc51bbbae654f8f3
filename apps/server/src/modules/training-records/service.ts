import {
  type ArchiveView,
  type BelowRequirementQuery,
  type BelowRequirementRow,
  chinaDay,
  fiveYearWindow,
  type ManualRecordBody,
  type Page,
  requirementInForce,
  requirementStanding,
  rollingFiveYearTotal,
  type TrainingRecordView,
  trainingRequirement,
  yearTotals,
} from '@ganxun/domain';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { people, trainingRecords } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { PersonRecord } from '../people/service.js';
import type { SettingsService } from '../settings/service.js';
import { belowRequirement } from './below.js';
import { belowWorkbook } from './export.js';
import { presentRecord, selectRecords, studyRecordOf, type TrainingRecordRow } from './presenter.js';

/** The year in China now: the archive's default year. */
export function currentYear(now = Date.now()): number {
  return Number(chinaDay(now).slice(0, 4));
}

/** The study-hour archive (学时档案): completions credited, manual entries, totals against the requirement, people below it. */
export class TrainingRecordService {
  readonly db: Db;
  readonly settings: SettingsService;

  constructor(deps: { db: Db; settings: SettingsService } & Record<string, unknown>) {
    this.db = deps.db;
    this.settings = deps.settings;
  }

  /** A person's archive in a year: records newest first, five years of totals, standing. */
  async archive(record: PersonRecord, year: number = currentYear()): Promise<ArchiveView> {
    const { person, unit } = record;
    const [rows, settings] = await Promise.all([
      selectRecords(this.db, eq(trainingRecords.personId, person.id)).orderBy(
        desc(trainingRecords.endDate),
        desc(trainingRecords.createdAt),
      ),
      this.settings.studyHours(),
    ]);
    const study = rows.map((r) => studyRecordOf(r.record));
    const requirement = trainingRequirement(person.rank, person.requirementOverride);
    const inForce = requirementInForce(requirement, settings);
    return {
      person: { id: person.id, name: person.name, unitName: unit.name },
      requirement: { period: inForce.period, hours: inForce.hours, source: requirement.source },
      year,
      records: rows.map(presentRecord),
      years: fiveYearWindow(year).map((y) => yearTotals(study, y)),
      fiveYearTotal: rollingFiveYearTotal(study, year),
      standing: requirementStanding(study, inForce, year, settings),
    };
  }

  /** The id of the actor's own person record; 404 `no_person` when the account has none. */
  async ownPersonId(ctx: RequestContext): Promise<string> {
    const actorId = ctx.actor?.id;
    const [row] = actorId
      ? await this.db.select({ id: people.id }).from(people).where(eq(people.userId, actorId))
      : [];
    if (!row) throw AppError.field('NOT_FOUND', 'person', 'no_person');
    return row.id;
  }

  /** One record (any person), for routes to authorize against its person. */
  async load(id: string): Promise<TrainingRecordRow> {
    const [row] = await this.db.select().from(trainingRecords).where(eq(trainingRecords.id, id));
    if (!row) throw AppError.notFound();
    return row;
  }

  private async view(id: string): Promise<TrainingRecordView> {
    const [row] = await selectRecords(this.db, eq(trainingRecords.id, id));
    if (!row) throw AppError.notFound();
    return presentRecord(row);
  }

  /** A manual entry for training elsewhere, audited. */
  async create(ctx: RequestContext, body: ManualRecordBody): Promise<TrainingRecordView> {
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(trainingRecords)
        .values({
          personId: body.personId,
          source: 'manual',
          category: body.category,
          title: body.title,
          organiser: body.organiser,
          startDate: body.startDate,
          endDate: body.endDate,
          year: Number(body.endDate.slice(0, 4)),
          hours: body.hours,
          note: body.note,
          createdBy: ctx.actor?.id ?? null,
        })
        .returning({ id: trainingRecords.id });
      if (!row) throw new Error('training record not inserted');
      await recordAudit(tx, ctx, {
        action: 'trainingRecord.create',
        entityType: 'training_record',
        entityId: row.id,
        detail: {
          personId: body.personId,
          title: body.title,
          category: body.category,
          hours: body.hours,
          endDate: body.endDate,
        },
      });
      return row.id;
    });
    return this.view(id);
  }

  /**
   * Voids a manual record with a reason (locked, so two voids do not both pass). A completion's
   * record is voided only by withdrawing the completion (409 `record_from_completion`).
   */
  async void(ctx: RequestContext, id: string, reason: string): Promise<TrainingRecordView> {
    await this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(trainingRecords).where(eq(trainingRecords.id, id)).for('update');
      if (!row) throw AppError.notFound();
      if (row.source !== 'manual') throw AppError.field('CONFLICT', 'id', 'record_from_completion');
      if (row.voidedAt) throw AppError.field('CONFLICT', 'id', 'record_already_voided');
      await tx
        .update(trainingRecords)
        .set({ voidedAt: new Date(), voidedBy: ctx.actor?.id ?? null, voidReason: reason })
        .where(eq(trainingRecords.id, id));
      await recordAudit(tx, ctx, {
        action: 'trainingRecord.void',
        entityType: 'training_record',
        entityId: id,
        detail: { personId: row.personId, reason, source: 'manual' },
      });
    });
    return this.view(id);
  }

  /** A page of the people below their requirement in the reader's scope. */
  async below(actor: Actor, query: BelowRequirementQuery): Promise<Page<BelowRequirementRow>> {
    const settings = await this.settings.studyHours();
    const { rows, total } = await belowRequirement(this.db, actor, settings, query, {
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    return {
      items: rows.map(({ regionName: _r, namePinyin: _p, ...row }) => row),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Every matching row as a workbook; the export is audited with its filter and row count. */
  async belowExport(ctx: RequestContext, actor: Actor, query: BelowRequirementQuery): Promise<Buffer> {
    const settings = await this.settings.studyHours();
    const { rows } = await belowRequirement(this.db, actor, settings, query, null);
    const file = await belowWorkbook(rows, ctx.locale);
    const { page: _p, pageSize: _s, format: _f, ...filter } = query;
    await recordAudit(this.db, ctx, {
      action: 'trainingRecord.export',
      entityType: 'training_record',
      detail: { filter, rows: rows.length },
    });
    return file;
  }
}
