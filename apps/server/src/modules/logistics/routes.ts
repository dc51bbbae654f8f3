import {
  allocationBody,
  allocationResult,
  assignmentBody,
  handoutBody,
  hotelBody,
  hotelPatch,
  hotelView,
  idParams,
  logisticsView,
  materialBody,
  materialPatch,
  myLogisticsView,
  pickUpBody,
  pickUpView,
  roomPatch,
  roomsBody,
  roomView,
  servicesBody,
  supplyView,
  traineeLogisticsView,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { contentDisposition } from '../people/export.js';

const tags = ['logistics'];
const base = '/api/v1/classes/:id/logistics';
const hotelParams = z.strictObject({ id: z.uuid(), hotelId: z.uuid() });
const roomParams = z.strictObject({ id: z.uuid(), roomId: z.uuid() });
const enrollmentParams = z.strictObject({ id: z.uuid(), enrollmentId: z.uuid() });
const materialParams = z.strictObject({ id: z.uuid(), materialId: z.uuid() });
/** A pick-up group's key (`train:G1234:2030-03-09`, `window:<iso>`), URL-encoded. */
const pickUpParams = z.strictObject({ id: z.uuid(), key: z.string().min(1).max(200) });

/** Logistics routes (issue 9 item 4): accommodation, meals, pick-ups, materials; the trainee's own. */
export function logisticsRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { logistics } = services;

  r.get(base, { schema: { tags, params: idParams, response: { 200: logisticsView } } }, async (req) =>
    logistics.read(req.ctx, req.params.id),
  );

  r.get('/api/v1/classes/:id/logistics.xlsx', { schema: { tags, params: idParams } }, async (req, reply) => {
    const download = await logistics.workbook(req.ctx, req.params.id);
    return reply
      .header('content-type', download.contentType)
      .header('content-disposition', contentDisposition(download.fileName, download.fallbackName))
      .header('cache-control', 'no-store')
      .send(download.file);
  });

  // Accommodation.
  r.post(
    `${base}/hotels`,
    { schema: { tags, params: idParams, body: hotelBody, response: { 201: hotelView } } },
    async (req, reply) =>
      reply.status(201).send(await logistics.createHotel(req.ctx, req.params.id, req.body)),
  );
  r.patch(
    `${base}/hotels/:hotelId`,
    { schema: { tags, params: hotelParams, body: hotelPatch, response: { 200: hotelView } } },
    async (req) => logistics.updateHotel(req.ctx, req.params.id, req.params.hotelId, req.body),
  );
  r.delete(`${base}/hotels/:hotelId`, { schema: { tags, params: hotelParams } }, async (req, reply) => {
    await logistics.deleteHotel(req.ctx, req.params.id, req.params.hotelId);
    return reply.status(204).send();
  });
  r.post(
    `${base}/hotels/:hotelId/rooms`,
    { schema: { tags, params: hotelParams, body: roomsBody, response: { 201: hotelView } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(await logistics.addRooms(req.ctx, req.params.id, req.params.hotelId, req.body.rooms)),
  );
  r.patch(
    `${base}/rooms/:roomId`,
    { schema: { tags, params: roomParams, body: roomPatch, response: { 200: roomView } } },
    async (req) => logistics.updateRoom(req.ctx, req.params.id, req.params.roomId, req.body),
  );
  r.delete(`${base}/rooms/:roomId`, { schema: { tags, params: roomParams } }, async (req, reply) => {
    await logistics.deleteRoom(req.ctx, req.params.id, req.params.roomId);
    return reply.status(204).send();
  });
  r.put(
    `${base}/assignments/:enrollmentId`,
    {
      schema: {
        tags,
        params: enrollmentParams,
        body: assignmentBody,
        response: { 200: traineeLogisticsView },
      },
    },
    async (req) => logistics.assign(req.ctx, req.params.id, req.params.enrollmentId, req.body.roomId),
  );
  r.post(
    `${base}/allocation`,
    { schema: { tags, params: idParams, body: allocationBody, response: { 200: allocationResult } } },
    async (req) => logistics.allocate(req.ctx, req.params.id, req.body),
  );

  // Needs (meals, a room of one's own): staff for anyone, the trainee for themself.
  r.put(
    `${base}/trainees/:enrollmentId`,
    {
      schema: { tags, params: enrollmentParams, body: servicesBody, response: { 200: traineeLogisticsView } },
    },
    async (req) => logistics.updateTrainee(req.ctx, req.params.id, req.params.enrollmentId, req.body),
  );
  r.get(
    `${base}/me`,
    { schema: { tags, params: idParams, response: { 200: myLogisticsView } } },
    async (req) => logistics.mine(req.ctx, req.params.id),
  );
  r.put(
    `${base}/me`,
    { schema: { tags, params: idParams, body: servicesBody, response: { 200: myLogisticsView } } },
    async (req) => logistics.updateMine(req.ctx, req.params.id, req.body),
  );

  // Transport.
  r.put(
    `${base}/pick-ups/:key`,
    { schema: { tags, params: pickUpParams, body: pickUpBody, response: { 200: pickUpView } } },
    async (req) => logistics.arrangePickUp(req.ctx, req.params.id, req.params.key, req.body),
  );

  // Materials.
  r.post(
    `${base}/materials`,
    { schema: { tags, params: idParams, body: materialBody, response: { 201: supplyView } } },
    async (req, reply) =>
      reply.status(201).send(await logistics.createMaterial(req.ctx, req.params.id, req.body)),
  );
  r.patch(
    `${base}/materials/:materialId`,
    { schema: { tags, params: materialParams, body: materialPatch, response: { 200: supplyView } } },
    async (req) => logistics.updateMaterial(req.ctx, req.params.id, req.params.materialId, req.body),
  );
  r.delete(
    `${base}/materials/:materialId`,
    { schema: { tags, params: materialParams } },
    async (req, reply) => {
      await logistics.deleteMaterial(req.ctx, req.params.id, req.params.materialId);
      return reply.status(204).send();
    },
  );
  r.post(
    `${base}/materials/:materialId/handouts`,
    { schema: { tags, params: materialParams, body: handoutBody, response: { 200: supplyView } } },
    async (req) => logistics.handOut(req.ctx, req.params.id, req.params.materialId, req.body),
  );
}
