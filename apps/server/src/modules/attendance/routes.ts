import type { FastifyInstance } from 'fastify';
import type { ClassService } from '../classes/service.js';
import type { AttendanceService } from './service.js';

/** `/api/v1/classes/{id}/attendance…` and the trainee's check-in. */
export function attendanceRoutes(
  _app: FastifyInstance,
  _deps: { classes: ClassService; attendance: AttendanceService },
): void {}
