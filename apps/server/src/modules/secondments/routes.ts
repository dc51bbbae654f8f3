import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Routes of secondments (挂职交流): terms, changes, logs, talks, assessments, alerts (issue 7). Skeleton: the helper who owns this folder fills it. */
export function secondmentRoutes(_app: FastifyInstance, _services: Services): void {}
