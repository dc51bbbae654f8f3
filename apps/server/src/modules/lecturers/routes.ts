import type { FastifyInstance } from 'fastify';
import type { LecturerService } from './service.js';

export function lecturerRoutes(_app: FastifyInstance, _deps: { lecturers: LecturerService }): void {}
