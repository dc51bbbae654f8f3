import type { FastifyInstance } from 'fastify';
import type { ClassService } from '../classes/service.js';
import type { TimetableService } from './service.js';

/** `/api/v1/classes/{id}/sessions`, publishing, the change log, copy and shift, templates. */
export function sessionRoutes(
  _app: FastifyInstance,
  _deps: { classes: ClassService; timetable: TimetableService },
): void {}
