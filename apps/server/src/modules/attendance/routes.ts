import {
  attendanceRecordView,
  attendanceSettings,
  attendanceSettingsPatch,
  bulkMarkBody,
  checkInBody,
  classAttendanceView,
  idParams,
  liveBoardView,
  roomQrView,
  syncQueueBody,
  syncQueueResult,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ClassService } from '../classes/service.js';
import type { AttendanceService } from './service.js';

const tags = ['attendance'];
const sessionParams = z.strictObject({ id: z.uuid(), sid: z.uuid() });
const enrollmentParams = z.strictObject({ id: z.uuid(), eid: z.uuid() });

/**
 * `/api/v1/classes/{id}/attendance…`: staff (runners with the roster permission) show room codes,
 * scan cards, mark, sync and watch the board; trainees check in with the room's code and read their
 * own records and card under `/me`.
 */
export function attendanceRoutes(
  app: FastifyInstance,
  deps: { classes: ClassService; attendance: AttendanceService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { classes, attendance } = deps;

  r.get(
    '/api/v1/classes/:id/attendance/settings',
    { schema: { tags, params: idParams, response: { 200: attendanceSettings } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'roster');
      return attendance.settings(req.params.id);
    },
  );

  r.put(
    '/api/v1/classes/:id/attendance/settings',
    {
      schema: {
        tags,
        params: idParams,
        body: attendanceSettingsPatch,
        response: { 200: attendanceSettings },
      },
    },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'roster');
      return attendance.updateSettings(req.ctx, req.params.id, req.body);
    },
  );

  r.get(
    '/api/v1/classes/:id/sessions/:sid/qr',
    { schema: { tags, params: sessionParams, response: { 200: roomQrView } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'roster');
      return attendance.roomQr(req.params.id, await attendance.loadSession(req.params.id, req.params.sid));
    },
  );

  r.post(
    '/api/v1/classes/:id/attendance/check-in',
    {
      schema: {
        tags,
        params: idParams,
        body: checkInBody,
        response: { 200: attendanceRecordView, 201: attendanceRecordView },
      },
    },
    async (req, reply) => {
      let result: Awaited<ReturnType<AttendanceService['traineeCheckIn']>>;
      if (req.body.token !== undefined) {
        result = await attendance.traineeCheckIn(req.ctx, req.params.id, req.body);
      } else {
        await classes.requireRun(req.ctx, req.params.id, 'roster');
        result = await attendance.staffCheckIn(req.ctx, req.params.id, req.body);
      }
      reply.status(result.created ? 201 : 200);
      return result.view;
    },
  );

  r.post(
    '/api/v1/classes/:id/attendance/marks',
    {
      schema: {
        tags,
        params: idParams,
        body: bulkMarkBody,
        response: { 200: z.object({ items: z.array(attendanceRecordView) }) },
      },
    },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'roster');
      return { items: await attendance.marks(req.ctx, req.params.id, req.body) };
    },
  );

  r.post(
    '/api/v1/classes/:id/attendance/sync',
    { schema: { tags, params: idParams, body: syncQueueBody, response: { 200: syncQueueResult } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'roster');
      return attendance.sync(req.ctx, req.params.id, req.body);
    },
  );

  r.get(
    '/api/v1/classes/:id/sessions/:sid/attendance',
    { schema: { tags, params: sessionParams, response: { 200: liveBoardView } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'roster');
      return attendance.board(req.params.id, await attendance.loadSession(req.params.id, req.params.sid));
    },
  );

  r.get(
    '/api/v1/classes/:id/attendance',
    {
      schema: {
        tags,
        params: idParams,
        querystring: z.strictObject({ enrollmentId: z.uuid().optional() }),
        response: { 200: classAttendanceView },
      },
    },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'roster');
      const only = req.query.enrollmentId ? [req.query.enrollmentId] : undefined;
      return attendance.classAttendance(req.params.id, only);
    },
  );

  r.get(
    '/api/v1/me/attendance',
    {
      schema: {
        tags,
        querystring: z.strictObject({ classId: z.uuid() }),
        response: { 200: classAttendanceView },
      },
    },
    async (req) => {
      const own = await attendance.ownEnrollment(req.ctx, req.query.classId);
      return attendance.classAttendance(req.query.classId, [own.enrollmentId]);
    },
  );

  r.get(
    '/api/v1/me/card',
    {
      schema: {
        tags,
        querystring: z.strictObject({ classId: z.uuid() }),
        response: { 200: z.object({ token: z.string(), rev: z.number().int() }) },
      },
    },
    async (req) => attendance.myCard(req.ctx, req.query.classId),
  );

  r.post(
    '/api/v1/classes/:id/enrollments/:eid/card/revoke',
    { schema: { tags, params: enrollmentParams, response: { 200: z.object({ rev: z.number().int() }) } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'roster');
      return attendance.revokeCard(req.ctx, req.params.id, req.params.eid);
    },
  );
}
