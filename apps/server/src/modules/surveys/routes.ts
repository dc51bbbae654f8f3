import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Routes of the surveys module (issue 6). */
export function surveyRoutes(_app: FastifyInstance, _services: Services): void {}
