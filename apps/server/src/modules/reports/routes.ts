import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Issue 8 — skeleton: the owner of this module registers its routes here. */
export function reportRoutes(_app: FastifyInstance, _services: Services): void {}
