import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Task force and checklist routes (issue 9 item 1). SKELETON. */
export function taskRoutes(_app: FastifyInstance, _services: Services): void {}
