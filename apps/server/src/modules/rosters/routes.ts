import type { FastifyInstance } from 'fastify';
import type { ClassService } from '../classes/service.js';
import type { RosterService } from './service.js';

export function rosterRoutes(
  _app: FastifyInstance,
  _deps: { classes: ClassService; rosters: RosterService },
): void {}
