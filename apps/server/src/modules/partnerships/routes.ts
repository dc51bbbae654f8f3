import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Routes of pairings (结对协作) and their joint classes (issue 7). Skeleton: the helper who owns this folder fills it. */
export function partnershipRoutes(_app: FastifyInstance, _services: Services): void {}
