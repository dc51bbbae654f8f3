import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Notification routes (issue 9 item 5). SKELETON. */
export function noticeRoutes(_app: FastifyInstance, _services: Services): void {}
