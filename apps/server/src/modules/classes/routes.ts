import type { FastifyInstance } from 'fastify';
import type { ClassService } from './service.js';

export function classRoutes(_app: FastifyInstance, _deps: { classes: ClassService }): void {}
