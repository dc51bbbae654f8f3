import type { FastifyInstance } from 'fastify';
import type { ImportService } from './service.js';

export function importRoutes(_app: FastifyInstance, _deps: { imports: ImportService }): void {}
