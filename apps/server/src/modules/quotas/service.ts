import {
  EDITABLE_CLASS_STATUSES,
  type PutQuotasBody,
  type QuotaList,
  type SplitQuotasBody,
  splitByWeights,
  splitEvenly,
} from '@ganxun/domain';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { classEvents, classQuotas, nominations } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import { mayUseQuota, runs } from '../classes/policy.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import {
  holderKey,
  holderName,
  NO_COUNTS,
  placedHolder,
  quotaCounts,
  quotaRecords,
  resolveHolders,
} from './holders.js';
import { presentQuota, presentQuotaList } from './presenter.js';

export interface QuotaServiceDeps {
  db: Db;
  classes: ClassService;
}

/**
 * Quotas (名额分配) of a class: the list with seat counts, replacing the whole allocation at once
 * (all-or-nothing, never below the seats already taken), and previews of even or weighted splits.
 */
export class QuotaService {
  private readonly db: Db;
  private readonly classes: ClassService;

  constructor(deps: QuotaServiceDeps) {
    this.db = deps.db;
    this.classes = deps.classes;
  }

  /** Runners see every quota; other readers only the ones they may nominate against. */
  async list(ctx: RequestContext, record: ClassRecord): Promise<QuotaList> {
    const actor = requireActor(ctx.actor);
    const places = await this.classes.placesOf(ctx);
    const runner = runs(actor, 'read', record.place);
    const [rows, counts] = await Promise.all([
      quotaRecords(this.db, record.id),
      quotaCounts(this.db, record.id),
    ]);
    const items = rows
      .map((q) => ({ q, canNominate: mayUseQuota(places, placedHolder(q)) }))
      .filter(({ canNominate }) => runner || canNominate)
      .map(({ q, canNominate }) => presentQuota(q, counts.get(q.id), canNominate, ctx.locale));
    return presentQuotaList(record.capacity, items);
  }

  /**
   * Replaces the class's quotas, matched by holder: seats of existing holders change, new holders
   * are added, missing ones removed. The class row is locked first, so no nomination slips in
   * between the counts checked here and the new seats.
   */
  async put(ctx: RequestContext, classId: string, body: PutQuotasBody): Promise<QuotaList> {
    const actor = requireActor(ctx.actor);
    await this.db.transaction(async (tx) => {
      const record = await this.classes.load(classId, tx, true);
      if (!EDITABLE_CLASS_STATUSES.includes(record.place.status))
        throw AppError.field('CONFLICT', 'quotas', 'class_status_locked');
      const existing = await quotaRecords(tx, classId);
      const counts = await quotaCounts(tx, classId);
      const byKey = new Map(existing.map((q) => [holderKey(q), q]));
      const inputs = body.quotas.map((q, i) => ({ ...q, path: `quotas.${i}` }));

      const resolved = await resolveHolders(tx, inputs, new Set(byKey.keys()));
      const invalid: FieldProblem[] = [...resolved.problems];
      const total = body.quotas.reduce((sum, q) => sum + q.seats, 0);
      if (record.capacity !== null && total > record.capacity)
        invalid.push({ path: 'quotas', key: 'quota_over_capacity', x: record.capacity });
      if (invalid.length) throw new AppError('VALIDATION_FAILED', { fields: invalid });

      const conflicts: FieldProblem[] = [];
      const keep = new Set<string>();
      inputs.forEach((q, i) => {
        const old = byKey.get(holderKey(q));
        if (!old) return;
        keep.add(old.id);
        const used = (counts.get(old.id) ?? NO_COUNTS).used;
        if (q.seats < used) conflicts.push({ path: `quotas.${i}.seats`, key: 'quota_below_used', x: used });
      });
      const removed = existing.filter((q) => !keep.has(q.id));
      for (const q of removed) {
        if ((counts.get(q.id) ?? NO_COUNTS).active > 0)
          conflicts.push({ path: 'quotas', key: 'quota_in_use', x: holderName(q, ctx.locale) });
      }
      if (conflicts.length) throw new AppError('CONFLICT', { fields: conflicts });

      if (removed.length) {
        const ids = removed.map((q) => q.id);
        // Only finished nominations (rejected, withdrawn, replaced) still point at a removed quota;
        // they keep their history in the audit trail and lose the link.
        await tx.update(nominations).set({ quotaId: null }).where(inArray(nominations.quotaId, ids));
        await tx.delete(classQuotas).where(inArray(classQuotas.id, ids));
      }
      for (const [i, q] of inputs.entries()) {
        const old = byKey.get(holderKey(q));
        if (old) {
          if (old.seats !== q.seats || old.weight !== q.weight || old.sortOrder !== i)
            await tx
              .update(classQuotas)
              .set({ seats: q.seats, weight: q.weight, sortOrder: i })
              .where(eq(classQuotas.id, old.id));
        }
      }
      const added = inputs
        .map((q, i) => ({ q, i }))
        .filter(({ q }) => !byKey.has(holderKey(q)))
        .map(({ q, i }) => ({
          classId,
          regionCode: q.regionCode,
          unitId: q.unitId,
          seats: q.seats,
          weight: q.weight,
          sortOrder: i,
        }));
      if (added.length) await tx.insert(classQuotas).values(added);

      const summary = (list: { regionCode: string | null; unitId: string | null; seats: number }[]) =>
        list.map((q) => ({ regionCode: q.regionCode, unitId: q.unitId, seats: q.seats }));
      const detail = { before: summary(existing), after: summary(body.quotas), allocated: total };
      await tx.insert(classEvents).values({ classId, actorId: actor.id, kind: 'quotas', detail });
      await recordAudit(tx, ctx, { action: 'quota.set', entityType: 'class', entityId: classId, detail });
    });
    return this.list(ctx, await this.classes.load(classId));
  }

  /**
   * A split of seats among holders, not saved: `seats` computed by splitEvenly / splitByWeights.
   * A holder the class already has a quota for keeps that quota's id and counts; a new holder gets
   * a placeholder id (a fresh UUID, never stored) and zero counts.
   */
  async split(ctx: RequestContext, record: ClassRecord, body: SplitQuotasBody): Promise<QuotaList> {
    const total = body.total ?? record.capacity;
    const problems: FieldProblem[] = [];
    if (total === null || total === undefined) problems.push({ path: 'total', key: 'split_total_required' });
    const existing = await quotaRecords(this.db, record.id);
    const byKey = new Map(existing.map((q) => [holderKey(q), q]));
    const inputs = body.holders.map((h, i) => ({ ...h, path: `holders.${i}` }));
    const resolved = await resolveHolders(this.db, inputs, new Set(byKey.keys()));
    problems.push(...resolved.problems);
    if (problems.length || total === null || total === undefined)
      throw new AppError('VALIDATION_FAILED', { fields: problems });

    const seats =
      body.method === 'even'
        ? splitEvenly(total, inputs.length)
        : splitByWeights(
            total,
            inputs.map((h) => h.weight),
          );
    const counts = await quotaCounts(this.db, record.id);
    const places = await this.classes.placesOf(ctx);
    const items = inputs.map((h, i) => {
      const key = holderKey(h);
      const old = byKey.get(key);
      const names = resolved.names.get(key);
      const unit = h.unitId ? resolved.units.get(h.unitId) : undefined;
      const q = {
        id: old?.id ?? crypto.randomUUID(),
        classId: record.id,
        regionCode: h.regionCode,
        unitId: h.unitId,
        seats: seats[i] ?? 0,
        weight: body.method === 'weights' ? h.weight : null,
        sortOrder: i,
        regionName: names?.regionName ?? null,
        regionNameZhTw: names?.regionNameZhTw ?? null,
        unitName: names?.unitName ?? null,
        unitPath: unit?.path ?? null,
        unitRegionCode: unit?.regionCode ?? null,
      };
      return presentQuota(
        q,
        old ? counts.get(old.id) : undefined,
        mayUseQuota(places, placedHolder(q)),
        ctx.locale,
      );
    });
    return presentQuotaList(record.capacity, items);
  }
}
