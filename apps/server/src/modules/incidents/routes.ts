import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Contingency plan and incident routes (issue 9 items 2–3). SKELETON. */
export function incidentRoutes(_app: FastifyInstance, _services: Services): void {}
