import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Routes of the leave module (issue 6). */
export function leaveRoutes(_app: FastifyInstance, _services: Services): void {}
