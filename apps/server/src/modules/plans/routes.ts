import type { FastifyInstance } from 'fastify';
import type { ClassService } from '../classes/service.js';
import type { PlanService } from './service.js';

export function planRoutes(
  _app: FastifyInstance,
  _deps: { classes: ClassService; plans: PlanService },
): void {}
