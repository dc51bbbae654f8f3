import type { FastifyInstance } from 'fastify';
import type { ClassService } from '../classes/service.js';
import type { ScheduleService } from './service.js';

/** `/me/sessions`, `/me/teaching`, exports, `/calendar-feeds`, `/feeds/{token}.ics`, materials. */
export function scheduleRoutes(
  _app: FastifyInstance,
  _deps: { classes: ClassService; schedules: ScheduleService },
): void {}
