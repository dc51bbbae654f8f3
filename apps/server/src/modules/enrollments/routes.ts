import type { FastifyInstance } from 'fastify';
import type { ClassService } from '../classes/service.js';
import type { EnrollmentService } from './service.js';

export function enrollmentRoutes(
  _app: FastifyInstance,
  _deps: { classes: ClassService; enrollments: EnrollmentService },
): void {}
