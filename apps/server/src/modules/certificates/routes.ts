import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Routes of the certificates module (issue 6). */
export function certificateRoutes(_app: FastifyInstance, _services: Services): void {}
