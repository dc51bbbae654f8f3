import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Routes of the training-records module (issue 6). */
export function trainingRecordRoutes(_app: FastifyInstance, _services: Services): void {}
