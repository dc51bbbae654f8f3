import type {
  AllocationBody,
  AllocationResult,
  HandoutBody,
  HotelBody,
  HotelView,
  LogisticsView,
  MaterialBody,
  MyLogisticsView,
  PickUpBody,
  PickUpView,
  RoomBody,
  RoomView,
  ServicesBody,
  SupplyView,
  TraineeLogisticsView,
} from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.js';
import { enrollmentServices, pickUpArrangements } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import { type Download, XLSX_TYPE } from '../rosters/service.js';
import { allocate } from './allocation.js';
import { createMaterial, deleteMaterial, handOut, updateMaterial } from './materials.js';
import { mayEditOwnNeeds } from './policy.js';
import {
  handedCounts,
  occupantsByRoom,
  presentHotel,
  presentLogistics,
  presentMine,
  presentPickUps,
  presentRoom,
  presentSupply,
  presentTrainee,
  roomLabels,
} from './presenter.js';
import { loadLogistics, serviceSatisfaction, type TraineeRow } from './query.js';
import {
  addRooms,
  assignRoom,
  createHotel,
  deleteHotel,
  deleteRoom,
  enrolledTrainee,
  updateHotel,
  updateRoom,
} from './rooms.js';
import { logisticsWorkbook } from './xlsx.js';

export interface LogisticsServiceDeps {
  db: Db;
  classes: ClassService;
  /** Now, for the day a trainee's needs close (tests set it). */
  clock?: () => Date;
}

/**
 * Logistics and services of a class (issue 9 item 4): accommodation, meals, pick-ups, materials for
 * the class's `logistics` runners, and the trainee's own part. Writes are in rooms.ts and
 * materials.ts (each inside one transaction with its audit event), views in presenter.ts.
 */
export class LogisticsService {
  readonly db: Db;
  clock: () => Date;

  constructor(readonly deps: LogisticsServiceDeps) {
    this.db = deps.db;
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Loads the class the actor runs for logistics (404 / 403 audited), then writes in one transaction. */
  private async write<T>(
    ctx: RequestContext,
    classId: string,
    fn: (tx: Tx, record: ClassRecord) => Promise<T>,
  ): Promise<T> {
    const record = await this.deps.classes.requireRun(ctx, classId, 'logistics');
    return this.db.transaction((tx) => fn(tx, record));
  }

  /** The whole view, unchecked (callers authorize). */
  async view(classId: string): Promise<LogisticsView> {
    const data = await loadLogistics(this.db, classId);
    return presentLogistics(classId, data, await serviceSatisfaction(this.db, classId));
  }

  /** `GET /classes/{id}/logistics`. */
  async read(ctx: RequestContext, classId: string): Promise<LogisticsView> {
    await this.deps.classes.requireRun(ctx, classId, 'logistics');
    return this.view(classId);
  }

  private async hotel(classId: string, hotelId: string): Promise<HotelView> {
    const data = await loadLogistics(this.db, classId);
    const hotel = data.hotels.find((h) => h.id === hotelId);
    if (!hotel) throw AppError.notFound();
    return presentHotel(hotel, data.rooms, occupantsByRoom(data.trainees));
  }

  private async trainee(classId: string, enrollmentId: string): Promise<TraineeLogisticsView> {
    const data = await loadLogistics(this.db, classId);
    const t = data.trainees.find((x) => x.enrollmentId === enrollmentId);
    if (!t) throw AppError.notFound();
    return presentTrainee(t, roomLabels(data.hotels, data.rooms), data.handed.get(enrollmentId) ?? []);
  }

  private async supply(classId: string, materialId: string): Promise<SupplyView> {
    const data = await loadLogistics(this.db, classId);
    const m = data.materials.find((x) => x.id === materialId);
    if (!m) throw AppError.notFound();
    return presentSupply(m, handedCounts(data.handed).get(m.id) ?? 0, data.trainees.length);
  }

  async createHotel(ctx: RequestContext, classId: string, body: HotelBody): Promise<HotelView> {
    const row = await this.write(ctx, classId, (tx) => createHotel(tx, ctx, classId, body));
    return this.hotel(classId, row.id);
  }

  async updateHotel(
    ctx: RequestContext,
    classId: string,
    hotelId: string,
    body: Partial<HotelBody>,
  ): Promise<HotelView> {
    await this.write(ctx, classId, (tx) => updateHotel(tx, ctx, classId, hotelId, body));
    return this.hotel(classId, hotelId);
  }

  async deleteHotel(ctx: RequestContext, classId: string, hotelId: string): Promise<void> {
    await this.write(ctx, classId, (tx) => deleteHotel(tx, ctx, classId, hotelId));
  }

  async addRooms(
    ctx: RequestContext,
    classId: string,
    hotelId: string,
    rooms: readonly RoomBody[],
  ): Promise<HotelView> {
    await this.write(ctx, classId, (tx) => addRooms(tx, ctx, classId, hotelId, rooms));
    return this.hotel(classId, hotelId);
  }

  async updateRoom(
    ctx: RequestContext,
    classId: string,
    roomId: string,
    body: Partial<RoomBody>,
  ): Promise<RoomView> {
    await this.write(ctx, classId, (tx) => updateRoom(tx, ctx, classId, roomId, body));
    const data = await loadLogistics(this.db, classId);
    const room = data.rooms.find((r) => r.id === roomId);
    if (!room) throw AppError.notFound();
    return presentRoom(room, occupantsByRoom(data.trainees).get(roomId) ?? []);
  }

  async deleteRoom(ctx: RequestContext, classId: string, roomId: string): Promise<void> {
    await this.write(ctx, classId, (tx) => deleteRoom(tx, ctx, classId, roomId));
  }

  /** `PUT /logistics/assignments/{enrollmentId}`: one trainee's bed (or none). */
  async assign(
    ctx: RequestContext,
    classId: string,
    enrollmentId: string,
    roomId: string | null,
  ): Promise<TraineeLogisticsView> {
    const actor = requireActor(ctx.actor);
    await this.write(ctx, classId, (tx) => assignRoom(tx, ctx, classId, enrollmentId, roomId, actor.id));
    return this.trainee(classId, enrollmentId);
  }

  async allocate(ctx: RequestContext, classId: string, body: AllocationBody): Promise<AllocationResult> {
    const actor = requireActor(ctx.actor);
    return this.write(ctx, classId, (tx) => allocate(tx, ctx, classId, body, actor.id));
  }

  /** Stores a trainee's needs (only the fields sent), audited; nothing when nothing changes. */
  private async saveNeeds(
    tx: Tx,
    ctx: RequestContext,
    classId: string,
    before: TraineeRow,
    body: ServicesBody,
    self: boolean,
  ) {
    const actor = requireActor(ctx.actor);
    const after = {
      dietaryNeed: body.dietaryNeed === undefined ? before.dietaryNeed : body.dietaryNeed,
      dietaryNote: body.dietaryNote === undefined ? before.dietaryNote : body.dietaryNote,
      singleRoom: body.singleRoom ?? before.singleRoom,
    };
    const changes = Object.fromEntries(
      (['dietaryNeed', 'dietaryNote', 'singleRoom'] as const)
        .filter((k) => after[k] !== before[k])
        .map((k) => [k, [before[k], after[k]]]),
    );
    if (Object.keys(changes).length === 0) return;
    await tx
      .insert(enrollmentServices)
      .values({ enrollmentId: before.enrollmentId, classId, ...after, updatedBy: actor.id })
      .onConflictDoUpdate({
        target: enrollmentServices.enrollmentId,
        set: { ...after, updatedBy: actor.id, updatedAt: sql`now()` },
      });
    await recordAudit(tx, ctx, {
      action: 'logistics.needs.update',
      entityType: 'enrollment',
      entityId: before.enrollmentId,
      changes,
      detail: { classId, self },
    });
  }

  /** `PUT /logistics/trainees/{enrollmentId}` (staff). */
  async updateTrainee(
    ctx: RequestContext,
    classId: string,
    enrollmentId: string,
    body: ServicesBody,
  ): Promise<TraineeLogisticsView> {
    await this.write(ctx, classId, async (tx) =>
      this.saveNeeds(tx, ctx, classId, await enrolledTrainee(tx, classId, enrollmentId), body, false),
    );
    return this.trainee(classId, enrollmentId);
  }

  /** The signed-in trainee's enrolment in the class (404 no class, 403 `not_enrolled`, audited). */
  private async own(ctx: RequestContext, classId: string) {
    const actor = requireActor(ctx.actor);
    const record = await this.deps.classes.load(classId);
    const data = await loadLogistics(this.db, classId);
    const me = data.trainees.find((t) => t.userId === actor.id);
    if (!me) {
      throw new AppError('FORBIDDEN', {
        fields: [{ path: 'classId', key: 'not_enrolled' }],
        details: { action: 'logistics.me', entityType: 'class', entityId: classId },
      });
    }
    return { record, data, me };
  }

  /** `GET /logistics/me`: the trainee's room, roommates, needs, pick-up and materials. */
  async mine(ctx: RequestContext, classId: string): Promise<MyLogisticsView> {
    const { record, data, me } = await this.own(ctx, classId);
    return presentMine(record, data, me, mayEditOwnNeeds(record, this.clock()));
  }

  /** `PUT /logistics/me`: the trainee's own needs, until the class's last day (then 409). */
  async updateMine(ctx: RequestContext, classId: string, body: ServicesBody): Promise<MyLogisticsView> {
    const { record, me } = await this.own(ctx, classId);
    if (!mayEditOwnNeeds(record, this.clock()))
      throw AppError.field('CONFLICT', 'classId', 'logistics_closed');
    await this.db.transaction(async (tx) =>
      this.saveNeeds(tx, ctx, classId, await enrolledTrainee(tx, classId, me.enrollmentId), body, true),
    );
    return this.mine(ctx, classId);
  }

  /** `PUT /logistics/pick-ups/{key}`: the vehicle and driver of one of the class's current groups. */
  async arrangePickUp(
    ctx: RequestContext,
    classId: string,
    key: string,
    body: PickUpBody,
  ): Promise<PickUpView> {
    const actor = requireActor(ctx.actor);
    await this.write(ctx, classId, async (tx) => {
      const data = await loadLogistics(tx, classId);
      const group = presentPickUps(data.trainees, data.arrangements).pickUps.find((p) => p.key === key);
      if (!group) throw AppError.notFound();
      await tx
        .insert(pickUpArrangements)
        .values({ classId, key, ...body, updatedBy: actor.id })
        .onConflictDoUpdate({
          target: [pickUpArrangements.classId, pickUpArrangements.key],
          set: { ...body, updatedBy: actor.id, updatedAt: sql`now()` },
        });
      await recordAudit(tx, ctx, {
        action: 'logistics.pickup.update',
        entityType: 'class',
        entityId: classId,
        changes: Object.fromEntries(
          (['vehicle', 'driver', 'driverPhone', 'note'] as const)
            .filter((k) => group[k] !== body[k])
            .map((k) => [k, [group[k], body[k]]]),
        ),
        detail: { key, trainees: group.trainees.length },
      });
    });
    const data = await loadLogistics(this.db, classId);
    const view = presentPickUps(data.trainees, data.arrangements).pickUps.find((p) => p.key === key);
    if (!view) throw AppError.notFound();
    return view;
  }

  async createMaterial(ctx: RequestContext, classId: string, body: MaterialBody): Promise<SupplyView> {
    const row = await this.write(ctx, classId, (tx) => createMaterial(tx, ctx, classId, body));
    return this.supply(classId, row.id);
  }

  async updateMaterial(
    ctx: RequestContext,
    classId: string,
    materialId: string,
    body: Partial<MaterialBody>,
  ): Promise<SupplyView> {
    await this.write(ctx, classId, (tx) => updateMaterial(tx, ctx, classId, materialId, body));
    return this.supply(classId, materialId);
  }

  async deleteMaterial(ctx: RequestContext, classId: string, materialId: string): Promise<void> {
    await this.write(ctx, classId, (tx) => deleteMaterial(tx, ctx, classId, materialId));
  }

  async handOut(
    ctx: RequestContext,
    classId: string,
    materialId: string,
    body: HandoutBody,
  ): Promise<SupplyView> {
    const actor = requireActor(ctx.actor);
    await this.write(ctx, classId, (tx) => handOut(tx, ctx, classId, materialId, body, actor.id));
    return this.supply(classId, materialId);
  }

  /** `GET /classes/{id}/logistics.xlsx` (audited as an export). */
  async workbook(ctx: RequestContext, classId: string): Promise<Download> {
    const record = await this.deps.classes.requireRun(ctx, classId, 'logistics');
    const file = await logisticsWorkbook(record.name, await this.view(classId));
    await recordAudit(this.db, ctx, { action: 'logistics.export', entityType: 'class', entityId: classId });
    return {
      file,
      contentType: XLSX_TYPE,
      fileName: `${record.code}-后勤保障.xlsx`,
      fallbackName: `${record.code}-logistics.xlsx`,
    };
  }
}
