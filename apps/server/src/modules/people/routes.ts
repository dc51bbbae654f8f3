import type { FastifyInstance } from 'fastify';
import type { PersonService } from './service.js';

export function personRoutes(_app: FastifyInstance, _deps: { people: PersonService }): void {}
