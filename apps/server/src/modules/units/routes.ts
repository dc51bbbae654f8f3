import type { FastifyInstance } from 'fastify';
import type { UnitService } from './service.js';

export function unitRoutes(_app: FastifyInstance, _deps: { units: UnitService }): void {}
