import type { FastifyInstance } from 'fastify';
import type { RegionService } from './service.js';

export function regionRoutes(_app: FastifyInstance, _deps: { regions: RegionService }): void {}
