import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Routes of exchange statistics and the report narrative (issue 7). Skeleton: the helper who owns this folder fills it. */
export function exchangeStatsRoutes(_app: FastifyInstance, _services: Services): void {}
