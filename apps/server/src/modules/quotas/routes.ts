import type { FastifyInstance } from 'fastify';
import type { ClassService } from '../classes/service.js';
import type { QuotaService } from './service.js';

export function quotaRoutes(
  _app: FastifyInstance,
  _deps: { classes: ClassService; quotas: QuotaService },
): void {}
