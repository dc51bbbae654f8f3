import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Routes of the completion module (issue 6). */
export function completionRoutes(_app: FastifyInstance, _services: Services): void {}
