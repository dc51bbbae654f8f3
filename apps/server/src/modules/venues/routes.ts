import type { FastifyInstance } from 'fastify';
import type { VenueService } from './service.js';

export function venueRoutes(_app: FastifyInstance, _deps: { venues: VenueService }): void {}
