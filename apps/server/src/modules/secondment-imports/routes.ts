import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app.js';

/** Routes of the secondment import and export (xlsx) (issue 7). Skeleton: the helper who owns this folder fills it. */
export function secondmentImportRoutes(_app: FastifyInstance, _services: Services): void {}
