import type { Db } from '../../db/client.js';
import type { ClassService } from '../classes/service.js';

export interface QuotaServiceDeps {
  db: Db;
  classes: ClassService;
}

/** TODO(issue 4): being written. */
export class QuotaService {
  constructor(readonly deps: QuotaServiceDeps) {}
}
