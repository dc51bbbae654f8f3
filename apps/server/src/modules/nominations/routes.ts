import type { FastifyInstance } from 'fastify';
import type { ClassService } from '../classes/service.js';
import type { NominationService } from './service.js';

export function nominationRoutes(
  _app: FastifyInstance,
  _deps: { classes: ClassService; nominations: NominationService },
): void {}
